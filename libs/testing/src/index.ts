export * from './test-env';
export * from './wait-for';
export * from './tcp-proxy';
export * from './broker-probe';
export * from './silent-logger';
export * from './service-harness';
export * from './register-school';
export * from './prometheus-server';
