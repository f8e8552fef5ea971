import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { LOGGER, logBreakerTransitions, METRICS_REGISTRY, SERVICE_CONFIG } from '@isams-sync/platform';
import { IsamsCallGuard } from '@isams-sync/resilience';
import type { FetcherConfig } from '../config/fetcher.config';

/** One guard per process: breakers per school and dataset, one call at a time per school, a global cap. */
export const callGuardProvider: Provider = {
  provide: IsamsCallGuard,
  inject: [SERVICE_CONFIG, METRICS_REGISTRY, LOGGER],
  useFactory: (config: FetcherConfig, registry: Registry, logger: Logger) =>
    new IsamsCallGuard({
      callTimeoutMs: config.ISAMS_CALL_TIMEOUT_MS,
      maxAttempts: config.ISAMS_MAX_ATTEMPTS,
      backoff: { baseMs: config.ISAMS_BACKOFF_BASE_MS, capMs: config.ISAMS_BACKOFF_CAP_MS },
      resetTimeoutMs: config.ISAMS_BREAKER_RESET_MS,
      globalConcurrency: config.ISAMS_GLOBAL_CONCURRENCY,
      perSchoolConcurrency: 1,
      registry,
      onStateChange: logBreakerTransitions(logger),
    }),
};
