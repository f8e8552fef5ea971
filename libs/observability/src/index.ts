export * from './redact';
export * from './logger';
export * from './metrics';
export * from './metric-catalog';
export * from './build-info';
export * from './phase-timer';
