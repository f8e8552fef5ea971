export * from './envelope';
export * from './routing';
export * from './messages/sync-requested.v1';
export * from './messages/snapshot-fetched.v1';
export * from './messages/dataset-normalised.v1';
export * from './messages/dataset-failed.v1';
export * from './messages/attendance-requested.v1';
export * from './records';
