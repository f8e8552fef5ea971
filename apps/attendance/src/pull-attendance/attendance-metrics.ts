import { Inject, Injectable } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@isams-sync/platform';

/** What ops watch besides the breakers: pulls by outcome and the events they published. */
@Injectable()
export class AttendanceMetrics {
  readonly pulls: Counter<'session' | 'outcome'>;
  readonly events: Counter<'session'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.pulls = new Counter({ name: 'attendance_pulls_total', help: 'attendance pulls by session and outcome (pulled, skipped, failed)', labelNames: ['session', 'outcome'], registers: [registry] });
    this.events = new Counter({ name: 'attendance_events_published_total', help: 'attendance.changed events published', labelNames: ['session'], registers: [registry] });
  }
}
