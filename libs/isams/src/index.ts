export * from './batch/batch-methods';
export * from './batch/datasets';
export * from './batch/element-names';
export * from './xml';
export * from './batch/batch-call.error';
export * from './batch/batch-client';
export * from './rest';
