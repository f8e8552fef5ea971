import { Inject, Injectable } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { counterOn, histogramOn, METRICS } from '@isams-sync/observability';
import { METRICS_REGISTRY } from './tokens';

/**
 * The per-app run series (no school label: per-school freshness comes from the database gauges).
 * Each metric is registered on first use, so an app exposes only what it does.
 */
@Injectable()
export class RunMetrics {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  runFinished(outcome: string, trigger: string, seconds: number): void {
    counterOn(this.registry, METRICS.runs).inc({ outcome, trigger });
    histogramOn(this.registry, METRICS.runDuration).observe({ outcome }, seconds);
  }

  /** `phases` in milliseconds, as PhaseTimer gives them; `total` is not a step. */
  steps(phasesMs: Record<string, number>): void {
    for (const [step, ms] of Object.entries(phasesMs)) if (step !== 'total') this.step(step, ms / 1000);
  }

  step(step: string, seconds: number): void {
    histogramOn(this.registry, METRICS.stepDuration).observe({ step }, seconds);
  }

  recordsNormalised(dataset: string, records: number): void {
    counterOn(this.registry, METRICS.recordsNormalised).inc({ dataset }, records);
  }

  datasetFailed(dataset: string, stage: string): void {
    counterOn(this.registry, METRICS.datasetsFailed).inc({ dataset, stage });
  }

  usersWritten(n: number): void {
    counterOn(this.registry, METRICS.usersWritten).inc(n);
  }

  eventsPublished(n: number): void {
    counterOn(this.registry, METRICS.eventsPublished).inc(n);
  }
}
