export * from './batch/datasets';
export * from './batch/element-names';
export * from './xml';
