import { Controller, Get, Header, Inject, NotFoundException } from '@nestjs/common';
import type { Registry } from 'prom-client';
import type { ServiceEnv } from '@isams-sync/config';
import { METRICS_REGISTRY, SERVICE_CONFIG } from './tokens';

@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceEnv,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    if (!this.config.METRICS_ENABLED) throw new NotFoundException('metrics are disabled (METRICS_ENABLED=false)');
    return this.registry.metrics();
  }
}
