import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReadinessChecks } from '@isams-sync/platform';
import { IsamsCallGuard } from '@isams-sync/resilience';

/**
 * REST breaker states in `/health/ready`. An open breaker is one school's iSAMS in trouble, not
 * this pod: it is shown, and readiness stays up so the other schools keep getting their registers.
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
