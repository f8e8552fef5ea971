/**
 * The simulator's sense of time: the real clock plus an offset tests can push forward, so cache
 * expiry, throttle windows and token lifetimes can be crossed without waiting.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  advance(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new RangeError(`seconds must be a non-negative number, got ${seconds}`);
    this.offsetMs += seconds * 1000;
    return this.now();
  }
}
