/**
 * The two kinds of failure every handler and client speaks. A retryable failure (time-out, breaker
 * open, 5xx, iSAMS deadlock, throttling) is tried again later with a bounded attempt count; a
 * permanent one (bad data, invalid key, a bug) goes straight to the dead-letter queue with its reason.
 */
export interface FailureContext {
  schoolId?: string;
  runId?: string;
  dataset?: string;
  /** What a person must do about it, in plain words (e.g. the iSAMS setting to change). */
  fix?: string;
}

export class RetryableError extends Error {
  constructor(
    message: string,
    readonly context: FailureContext = {},
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetryableError';
    this.retryAfterMs = options?.retryAfterMs;
  }
  readonly retryAfterMs?: number;
}

export class PermanentError extends Error {
  constructor(
    message: string,
    readonly context: FailureContext = {},
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PermanentError';
  }
}

/**
 * The one rule every caller uses (call guard, message policy, attendance pulls): a PermanentError
 * (Batch and REST clients throw its subclasses) is not retried. Unknown errors are treated as
 * retryable: bounded retries cost little, a dropped sync costs a night.
 */
export function isPermanent(error: unknown): error is PermanentError {
  return error instanceof PermanentError;
}
