export * from './local-time';
export * from './nightly-window';
