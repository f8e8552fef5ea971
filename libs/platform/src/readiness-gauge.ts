import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import { MessagingClient } from '@isams-sync/messaging';
import { gaugeOn, METRICS } from '@isams-sync/observability';
import { ReadinessChecks } from './readiness-checks';
import { METRICS_REGISTRY } from './tokens';

const CONNECTED = 1;

/**
 * `isams_sync_ready`: what `/health/ready` decides, as a series, so "not ready for 10 minutes" is an
 * alert even where nobody probes the pod from outside (the kubelet's probe leaves no history).
 */
@Injectable()
export class ReadinessGauge implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly messaging: MessagingClient,
    private readonly checks: ReadinessChecks,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    gaugeOn(this.registry, METRICS.ready, async (gauge) => gauge.set((await this.isReady()) ? 1 : 0));
  }

  private async isReady(): Promise<boolean> {
    if (this.connection.readyState !== CONNECTED || !this.messaging.isConnected()) return false;
    const results = await Promise.all(this.checks.all().map((c) => c.check().catch(() => ({ up: false }))));
    return results.every((r) => r.up);
  }
}
