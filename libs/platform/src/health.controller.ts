import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, MongooseHealthIndicator } from '@nestjs/terminus';
import { MessagingClient } from '@isams-sync/messaging';
import { ReadinessChecks } from './readiness-checks';

/** Liveness says the process is responsive; readiness says it can do its job (database and broker reachable). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongoose: MongooseHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly messaging: MessagingClient,
    private readonly extra: ReadinessChecks,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([
      async () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.mongoose.pingCheck('mongodb', { timeout: 1500 }),
      async () => {
        const rabbit = this.indicators.check('rabbitmq');
        return this.messaging.isConnected() ? rabbit.up() : rabbit.down({ message: 'not connected; reconnecting' });
      },
      ...this.extra.all().map((c) => async () => {
        const session = this.indicators.check(c.key);
        const result = await c.check();
        return result.up ? session.up(result.detail) : session.down(result.detail);
      }),
    ]);
  }
}
