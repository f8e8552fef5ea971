export * from './topology';
export * from './dead-letter-headers';
export * from './messaging-client';
export * from './queue-names';
