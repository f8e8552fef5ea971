import CircuitBreaker from 'opossum';
import type { Counter, Histogram, Registry } from 'prom-client';
import { counterOn, gaugeOn, histogramOn, METRICS } from '@isams-sync/observability';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { isPermanent, RetryableError } from './errors';
import { KeyedSemaphore, Semaphore } from './keyed-semaphore';

/** Which breaker and limiter a call belongs to: one breaker per school and dataset (= per key). */
export interface CallScope {
  schoolId: string;
  dataset: string;
}

export interface CallGuardOptions {
  /** per attempt; the call's AbortSignal fires when it passes (default 120 000) */
  callTimeoutMs: number;
  /** failure rate (%) over the rolling window above which a breaker opens (default 50) */
  errorThresholdPercentage: number;
  /** how long an open breaker waits before letting one trial call through (default 60 000) */
  resetTimeoutMs: number;
  /** calls in the window before the rate can open a breaker (default 3) */
  volumeThreshold: number;
  /** attempts in all, the first included (default 4) */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** calls at once per school (default 1: iSAMS is one school's server, be gentle) */
  perSchoolConcurrency: number;
  /** calls at once across all schools (default 4) */
  globalConcurrency: number;
  registry?: Registry;
  sleep?: (ms: number) => Promise<void>;
  /** jitter source (default Math.random) */
  random?: () => number;
  /** told about every breaker transition (health detail, logs, tests) */
  onStateChange?: (scope: CallScope, state: BreakerState) => void;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerStatus {
  schoolId: string;
  dataset: string;
  state: BreakerState;
  failures: number;
}

export const DEFAULT_CALL_GUARD_OPTIONS: CallGuardOptions = {
  callTimeoutMs: 120_000,
  errorThresholdPercentage: 50,
  resetTimeoutMs: 60_000,
  volumeThreshold: 3,
  maxAttempts: 4,
  backoff: DEFAULT_BACKOFF,
  perSchoolConcurrency: 1,
  globalConcurrency: 4,
};

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open'];

type Outcome = 'success' | 'retryable' | 'permanent' | 'timeout' | 'circuit-open';

/** The one rule: a PermanentError (Batch and REST clients throw its subclasses) is not retried; anything else is. */
export function isPermanentFailure(error: unknown): boolean {
  return isPermanent(error);
}

function retryAfterOf(error: unknown): number | undefined {
  const value =
    typeof error === 'object' && error !== null ? (error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The guard's own time-out, distinct from whatever the call throws once its signal fires. */
export class CallTimeoutError extends RetryableError {
  constructor(scope: CallScope, timeoutMs: number) {
    super(`call timed out after ${timeoutMs} ms for ${scope.schoolId}/${scope.dataset}`, {
      schoolId: scope.schoolId,
      dataset: scope.dataset,
    });
    this.name = 'CallTimeoutError';
  }
}

type Action = (signal: AbortSignal) => Promise<unknown>;

interface GuardMetrics {
  calls: Counter<string>;
  duration: Histogram<string>;
}

/**
 * Calls are counted per dataset and outcome, never per school: a per-school histogram would be
 * hundreds of series per school per pod. Breakers are counted by state (a label, not a number);
 * which school's breaker is open is a gauge computed when scraped (see breakerGauges).
 */
function metricsOn(registry: Registry, states: () => BreakerStatus[]): GuardMetrics {
  gaugeOn(registry, METRICS.breakers, (gauge) => {
    gauge.reset();
    for (const state of BREAKER_STATES) gauge.set({ state }, 0);
    for (const status of states()) gauge.inc({ state: status.state });
  });
  return { calls: counterOn(registry, METRICS.isamsCalls), duration: histogramOn(registry, METRICS.isamsCallDuration) };
}

/**
 * Every call to iSAMS goes through here: a breaker per school and dataset, a limiter per school and
 * a global one, a per-attempt time-out with its own AbortSignal, and bounded retries.
 *
 * Opossum's own `timeout`/`abortController` is not used: it shares one controller per breaker, so a
 * time-out would abort every call in flight on that key and leave the controller aborted while the
 * breaker stays closed. Each attempt gets its own controller instead, and a time-out is an ordinary
 * failure for the breaker.
 */
export class IsamsCallGuard {
  private readonly options: CallGuardOptions;
  private readonly breakers = new Map<string, { scope: CallScope; breaker: CircuitBreaker<[Action], unknown> }>();
  private readonly perSchool: KeyedSemaphore;
  private readonly global: Semaphore;
  private readonly metrics?: GuardMetrics;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(options: Partial<CallGuardOptions> = {}) {
    this.options = { ...DEFAULT_CALL_GUARD_OPTIONS, ...options };
    this.perSchool = new KeyedSemaphore(this.options.perSchoolConcurrency);
    this.global = new Semaphore(this.options.globalConcurrency);
    this.metrics = this.options.registry ? metricsOn(this.options.registry, () => this.states()) : undefined;
    this.sleep = this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = this.options.random ?? Math.random;
  }

  async run<T>(scope: CallScope, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const breaker = this.breakerFor(scope);
    const context = { schoolId: scope.schoolId, dataset: scope.dataset };
    let lastError: unknown;
    for (let attempt = 0; attempt < this.options.maxAttempts; attempt += 1) {
      if (attempt > 0) {
        // the limiter slots are not held while waiting, so the school's other datasets can go meanwhile
        await this.sleep(backoffDelayMs(attempt - 1, this.options.backoff, this.random, retryAfterOf(lastError)));
      }
      if (breaker.opened) {
        this.count(scope, 'circuit-open', 0);
        throw new RetryableError(`circuit open for ${scope.schoolId}/${scope.dataset}`, context, {
          cause: lastError,
          retryAfterMs: this.options.resetTimeoutMs,
        });
      }
      const releaseSchool = await this.perSchool.acquire(scope.schoolId);
      const releaseGlobal = await this.global.acquire();
      const started = performance.now();
      try {
        const value = (await breaker.fire(call as Action)) as T;
        this.count(scope, 'success', performance.now() - started);
        return value;
      } catch (error) {
        const elapsedMs = performance.now() - started;
        if ((error as { code?: unknown }).code === 'EOPENBREAKER') {
          // half-open with its one trial call already out, or opened by a parallel call
          this.count(scope, 'circuit-open', 0);
          throw new RetryableError(`circuit open for ${scope.schoolId}/${scope.dataset}`, context, {
            cause: lastError ?? error,
            retryAfterMs: this.options.resetTimeoutMs,
          });
        }
        if (isPermanentFailure(error)) {
          this.count(scope, 'permanent', elapsedMs);
          throw error;
        }
        this.count(scope, error instanceof CallTimeoutError ? 'timeout' : 'retryable', elapsedMs);
        lastError = error;
      } finally {
        releaseGlobal();
        releaseSchool();
      }
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    throw new RetryableError(
      `gave up on ${scope.schoolId}/${scope.dataset} after ${this.options.maxAttempts} attempts: ${reason}`,
      context,
      {
        cause: lastError,
        retryAfterMs: retryAfterOf(lastError),
      },
    );
  }

  states(): BreakerStatus[] {
    return [...this.breakers.values()].map(({ scope, breaker }) => ({
      schoolId: scope.schoolId,
      dataset: scope.dataset,
      state: stateOf(breaker),
      failures: breaker.stats.failures,
    }));
  }

  /** Stops the breakers' timers (they are unref'd, so this is tidiness, not a must). */
  shutdown(): void {
    for (const { breaker } of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }

  private breakerFor(scope: CallScope): CircuitBreaker<[Action], unknown> {
    const key = JSON.stringify([scope.schoolId, scope.dataset]);
    const known = this.breakers.get(key);
    if (known) return known.breaker;
    const timeoutMs = this.options.callTimeoutMs;
    const breaker = new CircuitBreaker<[Action], unknown>((action: Action) => withTimeout(scope, timeoutMs, action), {
      timeout: false,
      errorThresholdPercentage: this.options.errorThresholdPercentage,
      resetTimeout: this.options.resetTimeoutMs,
      volumeThreshold: this.options.volumeThreshold,
      // true = not a failure: a wrong key or a missing tick is the school's to fix, not iSAMS being down
      errorFilter: (error: unknown) => isPermanentFailure(error),
      name: `${scope.schoolId}/${scope.dataset}`,
    });
    const report = (state: BreakerState) => () => this.options.onStateChange?.(scope, state);
    breaker.on('open', report('open'));
    breaker.on('halfOpen', report('half-open'));
    breaker.on('close', report('closed'));
    this.breakers.set(key, { scope, breaker });
    return breaker;
  }

  private count(scope: CallScope, outcome: Outcome, ms: number): void {
    if (!this.metrics) return;
    const labels = { dataset: scope.dataset, outcome };
    this.metrics.calls.inc(labels);
    if (outcome !== 'circuit-open') this.metrics.duration.observe(labels, ms / 1000);
  }
}

function stateOf(breaker: CircuitBreaker<[Action], unknown>): BreakerState {
  if (breaker.halfOpen) return 'half-open';
  return breaker.opened ? 'open' : 'closed';
}

/**
 * Runs one attempt with its own AbortSignal. When the time passes, the signal fires and the attempt
 * fails at once with CallTimeoutError, even if the call ignores its signal.
 */
function withTimeout(scope: CallScope, timeoutMs: number, action: Action): Promise<unknown> {
  const controller = new AbortController();
  return new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new CallTimeoutError(scope, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    action(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
