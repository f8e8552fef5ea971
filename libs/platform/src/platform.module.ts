import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { autoIndexEnabled, type ServiceEnv } from '@isams-sync/config';
import { MessagingClient } from '@isams-sync/messaging';
import { createMetricsRegistry } from '@isams-sync/observability';
import { PersistenceModule } from '@isams-sync/persistence';
import { HealthController } from './health.controller';
import { MessagingLifecycle } from './messaging-lifecycle';
import { MetricsController } from './metrics.controller';
import { ReadinessChecks } from './readiness-checks';
import { ReadinessGauge } from './readiness-gauge';
import { RunMetrics } from './run-metrics';
import { LOGGER, METRICS_REGISTRY, SERVICE_CONFIG } from './tokens';

export interface PlatformOptions {
  app: string;
  config: ServiceEnv;
  logger: Logger;
}

/**
 * What every service has: its validated config, the JSON logger, the MongoDB connection, the
 * RabbitMQ client, `/health/live`, `/health/ready` and `/metrics`, and an orderly shutdown.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        PersistenceModule.forRoot(options.config.MONGO_URL, { autoIndex: autoIndexEnabled(options.config) }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(options.app) },
        {
          provide: MessagingClient,
          inject: [METRICS_REGISTRY],
          useFactory: (registry: Registry) =>
            new MessagingClient({
              url: options.config.AMQP_URL,
              prefix: options.config.MESSAGING_PREFIX,
              prefetch: options.config.AMQP_PREFETCH,
              app: options.app,
              logger: options.logger,
              registry,
            }),
        },
        ReadinessChecks,
        ReadinessGauge,
        RunMetrics,
        MessagingLifecycle,
      ],
      exports: [
        SERVICE_CONFIG,
        LOGGER,
        METRICS_REGISTRY,
        MessagingClient,
        ReadinessChecks,
        RunMetrics,
        PersistenceModule,
      ],
    };
  }
}
