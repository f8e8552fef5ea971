import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReadinessChecks } from './readiness-checks';
import { IsamsCallGuard } from '@isams-sync/resilience';

/**
 * iSAMS breaker states in `/health/ready` (fetcher: Batch keys; attendance: REST). An open breaker is
 * one school's iSAMS in trouble, not this pod: it is shown, and readiness stays up so the pod keeps
 * serving the other schools. Needs an IsamsCallGuard provider in the app.
 */
@Injectable()
export class BreakerReadiness implements OnModuleInit {
  constructor(
    private readonly checks: ReadinessChecks,
    private readonly guard: IsamsCallGuard,
  ) {}

  onModuleInit(): void {
    this.checks.add({
      key: 'isams-breakers',
      check: async () => {
        const states = this.guard.states();
        const notClosed = states.filter((s) => s.state !== 'closed').map((s) => `${s.schoolId}/${s.dataset}: ${s.state}`);
        return { up: true, detail: { breakers: states.length, notClosed } };
      },
    });
  }
}
