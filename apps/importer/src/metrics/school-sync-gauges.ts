import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Gauge, Registry } from 'prom-client';
import { gaugeOn, METRICS, type MetricSpec } from '@isams-sync/observability';
import {
  OutboxRepository,
  SchoolRepository,
  type SchoolSyncHealth,
  schoolSyncHealth,
  type SyncRun,
  SyncRunRepository,
} from '@isams-sync/persistence';
import { METRICS_REGISTRY } from '@isams-sync/platform';

/** Runs read per scrape: enough nights for "failed two nights running", bounded for many schools. */
const WINDOW_DAYS = 7;
/** Several gauges read the same health; one scrape computes it once. */
const FRESH_FOR_MS = 2_000;

/**
 * The per-school series (last success, last outcome, held runs, failed nights) and the outbox
 * backlog, computed from the database when Prometheus scrapes. Only registered schools get series,
 * so removing a school removes its series; per-school counters or histograms are never kept.
 */
@Injectable()
export class SchoolSyncGauges implements OnModuleInit {
  private cached?: { at: number; health: Promise<Array<SchoolSyncHealth & { registeredAt?: Date }>> };

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly schools: SchoolRepository,
    private readonly outbox: OutboxRepository,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    const perSchool = (
      metric: MetricSpec,
      set: (gauge: Gauge<string>, h: SchoolSyncHealth & { registeredAt?: Date }) => void,
    ) =>
      gaugeOn(this.registry, metric, async (gauge) => {
        const health = await this.health();
        gauge.reset();
        for (const h of health) set(gauge, h);
      });
    perSchool(
      METRICS.schoolLastSuccess,
      (g, h) => h.lastSuccessAt && g.set({ school: h.schoolId }, h.lastSuccessAt.getTime() / 1000),
    );
    perSchool(
      METRICS.schoolRegistered,
      (g, h) => h.registeredAt && g.set({ school: h.schoolId }, h.registeredAt.getTime() / 1000),
    );
    perSchool(
      METRICS.schoolLastRunOutcome,
      (g, h) => h.lastOutcome && g.set({ school: h.schoolId, outcome: h.lastOutcome }, 1),
    );
    perSchool(METRICS.schoolRunsHeld, (g, h) => g.set({ school: h.schoolId }, h.held));
    perSchool(
      METRICS.schoolOldestHeld,
      (g, h) => h.oldestHeldAt && g.set({ school: h.schoolId }, h.oldestHeldAt.getTime() / 1000),
    );
    perSchool(METRICS.schoolDatasetFailedNights, (g, h) => {
      for (const [dataset, nights] of Object.entries(h.failedNights)) g.set({ school: h.schoolId, dataset }, nights);
    });
    gaugeOn(this.registry, METRICS.outboxPending, async (gauge) =>
      gauge.set(await this.outbox.pendingOutboxDocuments()),
    );
  }

  private health(): Promise<Array<SchoolSyncHealth & { registeredAt?: Date }>> {
    if (!this.cached || Date.now() - this.cached.at > FRESH_FOR_MS) {
      this.cached = { at: Date.now(), health: this.read() };
      this.cached.health.catch(() => (this.cached = undefined));
    }
    return this.cached.health;
  }

  private async read(): Promise<Array<SchoolSyncHealth & { registeredAt?: Date }>> {
    const [schools, recent] = await Promise.all([
      this.schools.list(),
      this.runs.recentAndHeld(new Date(Date.now() - WINDOW_DAYS * 86_400_000)),
    ]);
    const bySchool = new Map<string, SyncRun[]>();
    for (const run of recent) bySchool.set(run.schoolId, [...(bySchool.get(run.schoolId) ?? []), run]);
    return Promise.all(
      schools.map(async ({ id, createdAt }) => {
        const runs = bySchool.get(id) ?? [];
        const older = runs.some((r) => r.status === 'succeeded') ? null : await this.runs.lastSucceeded(id);
        return { ...schoolSyncHealth(id, runs, older), ...(createdAt ? { registeredAt: new Date(createdAt) } : {}) };
      }),
    );
  }
}
