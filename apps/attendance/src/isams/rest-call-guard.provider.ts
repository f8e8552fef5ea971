import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { LOGGER, logBreakerTransitions, METRICS_REGISTRY, SERVICE_CONFIG } from '@isams-sync/platform';
import { IsamsCallGuard } from '@isams-sync/resilience';
import type { AttendanceConfig } from '../config/attendance.config';

/** Every REST call runs under this scope, so attendance has its own breaker per school and never spends a Batch key's budget. */
export const REST_SCOPE_DATASET = 'rest';

/** The same guard as the Batch fetcher: breaker per school+scope, per-school and global limits, retries with Retry-After and jitter. */
export const restCallGuardProvider: Provider = {
  provide: IsamsCallGuard,
  inject: [SERVICE_CONFIG, METRICS_REGISTRY, LOGGER],
  useFactory: (config: AttendanceConfig, registry: Registry, logger: Logger) =>
    new IsamsCallGuard({
      // one guarded call is one endpoint, all of its pages
      callTimeoutMs: config.ISAMS_REST_TIMEOUT_MS * 4,
      maxAttempts: config.ISAMS_MAX_ATTEMPTS,
      backoff: { baseMs: config.ISAMS_BACKOFF_BASE_MS, capMs: config.ISAMS_BACKOFF_CAP_MS },
      resetTimeoutMs: config.ISAMS_BREAKER_RESET_MS,
      globalConcurrency: config.ISAMS_GLOBAL_CONCURRENCY,
      registry,
      onStateChange: logBreakerTransitions(logger),
    }),
};
