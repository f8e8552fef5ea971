export * from './secret-errors';
export * from './secret-cipher';
export * from './secret-mask';
