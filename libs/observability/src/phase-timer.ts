/**
 * Wall time per named phase of one piece of work, for logs and reports ("where did the 20 s go?").
 * A phase measured twice adds up.
 */
export class PhaseTimer {
  private readonly started = performance.now();
  private last = this.started;
  private readonly phases: Record<string, number> = {};

  /** Ends the current phase under `name` and starts the next one. */
  lap(name: string): void {
    const now = performance.now();
    this.phases[name] = (this.phases[name] ?? 0) + (now - this.last);
    this.last = now;
  }

  /** Milliseconds per phase, rounded, plus `total` since the timer was created. */
  toJSON(): Record<string, number> {
    const rounded: Record<string, number> = {};
    for (const [name, ms] of Object.entries(this.phases)) rounded[name] = Math.round(ms);
    rounded.total = Math.round(performance.now() - this.started);
    return rounded;
  }
}
