export interface ThrottleConfig {
  /** requests allowed per window */
  limit: number;
  windowSeconds: number;
  /** when set, a throttled answer carries `Retry-After` with this many seconds */
  retryAfterSeconds?: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds?: number };

/**
 * N requests per fixed window: the window opens with the first request and every request inside
 * it counts, throttled ones included (as a hammering client keeps itself throttled).
 */
export class ThrottleWindow {
  private windowStart = -Infinity;
  private count = 0;

  constructor(readonly config: ThrottleConfig) {
    if (!Number.isInteger(config.limit) || config.limit < 0)
      throw new RangeError(`throttle.limit must be a non-negative integer, got ${config.limit}`);
    if (!(config.windowSeconds > 0))
      throw new RangeError(`throttle.windowSeconds must be positive, got ${config.windowSeconds}`);
    if (config.retryAfterSeconds !== undefined && !(config.retryAfterSeconds >= 0)) {
      throw new RangeError(`throttle.retryAfterSeconds must be non-negative, got ${config.retryAfterSeconds}`);
    }
  }

  admit(nowMs: number): ThrottleDecision {
    if (nowMs >= this.windowStart + this.config.windowSeconds * 1000) {
      this.windowStart = nowMs;
      this.count = 0;
    }
    this.count++;
    if (this.count <= this.config.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: this.config.retryAfterSeconds };
  }
}
