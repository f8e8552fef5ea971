import { Injectable } from '@nestjs/common';

export interface ReadinessCheck {
  /** The key shown in `/health/ready`. */
  key: string;
  /** Up or down, with detail an operator can act on (e.g. which breakers are open). */
  check(): Promise<{ up: boolean; detail?: Record<string, unknown> }>;
}

/** Where an app adds checks of its own (e.g. circuit-breaker states) to readiness. */
@Injectable()
export class ReadinessChecks {
  private readonly checks: ReadinessCheck[] = [];
  add(check: ReadinessCheck): void {
    this.checks.push(check);
  }
  all(): readonly ReadinessCheck[] {
    return this.checks;
  }
}
