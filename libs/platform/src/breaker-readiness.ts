import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { gaugeOn, METRICS } from '@isams-sync/observability';
import { SchoolRepository } from '@isams-sync/persistence';
import { IsamsCallGuard, type BreakerState, type CallScope } from '@isams-sync/resilience';
import { ReadinessChecks } from './readiness-checks';
import { METRICS_REGISTRY } from './tokens';

/**
 * iSAMS breaker states in `/health/ready` (fetcher: Batch keys; attendance: REST). An open breaker is
 * one school's iSAMS in trouble, not this pod: it is shown, and readiness stays up so the pod keeps
 * serving the other schools. Also `isams_sync_school_breaker_open{school,dataset}`, computed when
 * scraped and only for schools still registered (a removed school's series go with it).
 * Needs an IsamsCallGuard provider and the SchoolsModule in the app.
 */
@Injectable()
export class BreakerReadiness implements OnModuleInit {
  constructor(
    private readonly checks: ReadinessChecks,
    private readonly guard: IsamsCallGuard,
    private readonly schools: SchoolRepository,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    this.checks.add({
      key: 'isams-breakers',
      check: async () => {
        const states = this.guard.states();
        const notClosed = states
          .filter((s) => s.state !== 'closed')
          .map((s) => `${s.schoolId}/${s.dataset}: ${s.state}`);
        return { up: true, detail: { breakers: states.length, notClosed } };
      },
    });
    gaugeOn(this.registry, METRICS.schoolBreakerOpen, async (gauge) => {
      const registered = new Set((await this.schools.list()).map((s) => s.id));
      gauge.reset();
      for (const s of this.guard.states()) {
        if (registered.has(s.schoolId))
          gauge.set({ school: s.schoolId, dataset: s.dataset }, s.state === 'closed' ? 0 : 1);
      }
    });
  }
}

/** The guard's onStateChange: every breaker transition is one log line naming the school and dataset. */
export function logBreakerTransitions(logger: Logger): (scope: CallScope, state: BreakerState) => void {
  return ({ schoolId, dataset }, state) => {
    const line = { event: 'breaker.transition', schoolId, dataset, state };
    if (state === 'open')
      logger.warn(line, `iSAMS breaker for ${schoolId}/${dataset} opened: calls fail fast until a trial call succeeds`);
    else logger.info(line, `iSAMS breaker for ${schoolId}/${dataset} is ${state}`);
  };
}
