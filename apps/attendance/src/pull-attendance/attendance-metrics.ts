import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Registry } from 'prom-client';
import { counterOn, METRICS } from '@isams-sync/observability';
import { METRICS_REGISTRY } from '@isams-sync/platform';

/** What ops watch besides the breakers: pulls by outcome and the events they published. */
@Injectable()
export class AttendanceMetrics {
  readonly pulls: Counter<string>;
  readonly events: Counter<string>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.pulls = counterOn(registry, METRICS.attendancePulls);
    this.events = counterOn(registry, METRICS.attendanceEvents);
  }
}
