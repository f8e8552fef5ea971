export * from './tokens';
export * from './readiness-checks';
export * from './platform.module';
export * from './run-service';
export * from './boot-service';
export * from './breaker-readiness';
export * from './run-metrics';
