export * from './errors';
export * from './backoff';
export * from './keyed-semaphore';
export * from './isams-call-guard';
