import { Registry } from 'prom-client';
import { PermanentError, RetryableError } from './errors';
import {
  CallTimeoutError,
  IsamsCallGuard,
  isPermanentFailure,
  type BreakerState,
  type CallGuardOptions,
  type CallScope,
} from './isams-call-guard';

const PUPILS: CallScope = { schoolId: 's1', dataset: 'pupils' };

/** A guard whose waits are recorded instead of slept, with the jitter fixed at one half. */
function guardWith(options: Partial<CallGuardOptions> = {}) {
  const sleeps: number[] = [];
  const guard = new IsamsCallGuard({
    backoff: { baseMs: 100, capMs: 10_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { guard, sleeps };
}

/** A call that fails with the given errors in turn, then answers `value`. */
function scripted<T>(errors: unknown[], value: T) {
  let calls = 0;
  const call = async (): Promise<T> => {
    calls += 1;
    const error = errors[calls - 1];
    if (error !== undefined) throw error;
    return value;
  };
  return { call, count: () => calls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const retryable = (message = 'deadlock') => Object.assign(new Error(message), { retryable: true });
const permanent = (message = 'invalid key') => new PermanentError(message);

describe('IsamsCallGuard retries', () => {
  it('retries retryable failures with full-jitter backoff, then succeeds', async () => {
    const { guard, sleeps } = guardWith();
    const call = scripted([retryable(), retryable()], 'ok');
    await expect(guard.run(PUPILS, call.call)).resolves.toBe('ok');
    expect(call.count()).toBe(3);
    expect(sleeps).toEqual([50, 100]); // 0.5 × 100·2^0, 0.5 × 100·2^1
  });

  it.each([
    ['a Retry-After on the error', Object.assign(retryable(), { retryAfterMs: 3000 }), 3000],
    ['a RetryableError with retryAfterMs', new RetryableError('throttled', {}, { retryAfterMs: 1500 }), 1500],
    ['a Retry-After above the cap', Object.assign(retryable(), { retryAfterMs: 99_000 }), 10_000],
    ['an unknown error (retried by default)', new Error('socket hang up'), 50],
  ])('waits for %s', async (_name, error, expected) => {
    const { guard, sleeps } = guardWith();
    await guard.run(PUPILS, scripted([error], 1).call);
    expect(sleeps).toEqual([expected]);
  });

  it('gives up after maxAttempts with a RetryableError carrying the last error', async () => {
    const { guard, sleeps } = guardWith({ maxAttempts: 3, volumeThreshold: 100 });
    const last = retryable('third');
    const call = scripted([retryable('first'), retryable('second'), last], 'never');
    const error = await rejection(guard.run(PUPILS, call.call));
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).cause).toBe(last);
    expect((error as RetryableError).message).toContain('s1/pupils after 3 attempts: third');
    expect((error as RetryableError).context).toEqual({ schoolId: 's1', dataset: 'pupils' });
    expect(call.count()).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it.each([
    ['a PermanentError', permanent()],
    ['a PermanentError subclass', new (class InvalidKey extends PermanentError {})('bad key')],
  ])('throws %s at once, unretried, and the breaker stays closed', async (_name, error) => {
    const { guard, sleeps } = guardWith({ volumeThreshold: 1 });
    for (let i = 0; i < 5; i += 1) {
      const call = scripted([error], 'never');
      await expect(guard.run(PUPILS, call.call)).rejects.toBe(error);
      expect(call.count()).toBe(1);
    }
    expect(sleeps).toEqual([]);
    expect(guard.states()).toEqual([{ schoolId: 's1', dataset: 'pupils', state: 'closed', failures: 0 }]);
  });

  it.each([
    [permanent(), true],
    [Object.assign(new Error('flag only'), { retryable: false }), false],
    [retryable(), false],
    [new Error('plain'), false],
    ['a string', false],
    [null, false],
  ])('isPermanentFailure(%p) → %p', (error, expected) => {
    expect(isPermanentFailure(error)).toBe(expected);
  });
});

describe('IsamsCallGuard breakers', () => {
  const failing = () => scripted([retryable()], 'never');

  it('opens after the threshold, fails fast without calling, and other scopes keep going', async () => {
    const { guard } = guardWith({ maxAttempts: 1, volumeThreshold: 3 });
    for (let i = 0; i < 3; i += 1)
      await expect(guard.run(PUPILS, failing().call)).rejects.toBeInstanceOf(RetryableError);
    expect(guard.states()).toEqual([{ schoolId: 's1', dataset: 'pupils', state: 'open', failures: 3 }]);

    const blocked = scripted([], 'ok');
    const error = await rejection(guard.run(PUPILS, blocked.call));
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toBe('circuit open for s1/pupils');
    expect(blocked.count()).toBe(0);

    await expect(guard.run({ schoolId: 's2', dataset: 'pupils' }, async () => 'other school')).resolves.toBe(
      'other school',
    );
    await expect(guard.run({ schoolId: 's1', dataset: 'contacts' }, async () => 'other key')).resolves.toBe(
      'other key',
    );
    expect(guard.states().filter((s) => s.state === 'open')).toEqual([
      { schoolId: 's1', dataset: 'pupils', state: 'open', failures: 3 },
    ]);
  });

  it('stops retrying once its own failures open the breaker', async () => {
    const { guard } = guardWith({ maxAttempts: 10, volumeThreshold: 2 });
    const call = scripted([retryable(), retryable(), retryable()], 'never');
    const error = await rejection(guard.run(PUPILS, call.call));
    expect((error as Error).message).toBe('circuit open for s1/pupils');
    expect(call.count()).toBe(2);
  });

  it('half-opens after resetTimeout and closes on a successful trial call', async () => {
    const changes: BreakerState[] = [];
    let halfOpened!: () => void;
    const halfOpen = new Promise<void>((resolve) => (halfOpened = resolve));
    const { guard } = guardWith({
      maxAttempts: 1,
      volumeThreshold: 1,
      resetTimeoutMs: 10,
      onStateChange: (_scope, state) => {
        changes.push(state);
        if (state === 'half-open') halfOpened();
      },
    });
    await expect(guard.run(PUPILS, failing().call)).rejects.toBeInstanceOf(RetryableError);
    expect(guard.states()[0].state).toBe('open');
    await halfOpen;
    expect(guard.states()[0].state).toBe('half-open');
    await expect(guard.run(PUPILS, async () => 'recovered')).resolves.toBe('recovered');
    expect(guard.states()[0].state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
    guard.shutdown();
  });

  it('re-opens when the half-open trial call fails', async () => {
    const changes: BreakerState[] = [];
    let halfOpened!: () => void;
    const halfOpen = new Promise<void>((resolve) => (halfOpened = resolve));
    const { guard } = guardWith({
      maxAttempts: 1,
      volumeThreshold: 1,
      resetTimeoutMs: 10,
      onStateChange: (_scope, state) => {
        changes.push(state);
        if (state === 'half-open') halfOpened();
      },
    });
    await expect(guard.run(PUPILS, failing().call)).rejects.toBeInstanceOf(RetryableError);
    await halfOpen;
    await expect(guard.run(PUPILS, failing().call)).rejects.toBeInstanceOf(RetryableError);
    expect(changes).toEqual(['open', 'half-open', 'open']);
    guard.shutdown();
  });

  it('times a call out with its own AbortSignal and counts it as a failure', async () => {
    const { guard } = guardWith({ maxAttempts: 1, callTimeoutMs: 20, volumeThreshold: 1 });
    let seen: AbortSignal | undefined;
    // ignores its signal on purpose: the guard must not wait for it
    const error = await rejection(
      guard.run(PUPILS, (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      }),
    );
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).cause).toBeInstanceOf(CallTimeoutError);
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(CallTimeoutError);
    expect(guard.states()[0].state).toBe('open');
  });

  it('gives every attempt a fresh signal', async () => {
    const { guard } = guardWith({ callTimeoutMs: 20, volumeThreshold: 100 });
    const signals: AbortSignal[] = [];
    await guard.run(PUPILS, (signal) => {
      signals.push(signal);
      return signals.length === 1 ? new Promise<never>(() => undefined) : Promise.resolve('second');
    });
    expect(signals).toHaveLength(2);
    expect(signals[0].aborted).toBe(true);
    expect(signals[1].aborted).toBe(false);
  });

  it('reports breaker state and call outcomes as metrics', async () => {
    const registry = new Registry();
    const { guard } = guardWith({ maxAttempts: 1, volumeThreshold: 1, registry });
    await guard.run({ schoolId: 's2', dataset: 'staff' }, async () => 'ok');
    await expect(guard.run(PUPILS, failing().call)).rejects.toBeInstanceOf(RetryableError);
    await expect(guard.run(PUPILS, failing().call)).rejects.toThrow('circuit open');
    await expect(guard.run({ schoolId: 's2', dataset: 'staff' }, scripted([permanent()], 1).call)).rejects.toThrow(
      'invalid key',
    );

    const text = await registry.metrics();
    // breaker state is a label; no series names a school
    expect(text).toContain('isams_sync_breakers{state="open"} 1');
    expect(text).toContain('isams_sync_breakers{state="closed"} 1');
    expect(text).toContain('isams_sync_breakers{state="half-open"} 0');
    expect(text).toContain('isams_sync_isams_calls_total{dataset="staff",outcome="success"} 1');
    expect(text).toContain('isams_sync_isams_calls_total{dataset="staff",outcome="permanent"} 1');
    expect(text).toContain('isams_sync_isams_calls_total{dataset="pupils",outcome="retryable"} 1');
    expect(text).toContain('isams_sync_isams_calls_total{dataset="pupils",outcome="circuit-open"} 1');
    expect(text).toContain('isams_sync_isams_call_duration_seconds_count{dataset="staff",outcome="success"} 1');
    expect(text).not.toContain('school=');
    // a second guard on the same registry reuses the metrics instead of throwing
    expect(() => new IsamsCallGuard({ registry })).not.toThrow();
  });
});

describe('IsamsCallGuard limiter', () => {
  it('runs at most perSchoolConcurrency per school and globalConcurrency overall', async () => {
    const { guard } = guardWith({ perSchoolConcurrency: 1, globalConcurrency: 2 });
    let active = 0;
    let maxActive = 0;
    const perSchool = new Map<string, number>();
    const maxPerSchool = new Map<string, number>();
    const call = (schoolId: string) => async () => {
      active += 1;
      perSchool.set(schoolId, (perSchool.get(schoolId) ?? 0) + 1);
      maxActive = Math.max(maxActive, active);
      maxPerSchool.set(schoolId, Math.max(maxPerSchool.get(schoolId) ?? 0, perSchool.get(schoolId) ?? 0));
      // let every other queued call try to start before this one ends
      for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
      perSchool.set(schoolId, (perSchool.get(schoolId) ?? 0) - 1);
      return schoolId;
    };
    const runs: Array<Promise<string>> = [];
    for (const schoolId of ['a', 'b', 'c']) {
      for (const dataset of ['pupils', 'contacts', 'staff'])
        runs.push(guard.run({ schoolId, dataset }, call(schoolId)));
    }
    expect(await Promise.all(runs)).toHaveLength(9);
    expect(maxActive).toBe(2);
    expect([...maxPerSchool.values()]).toEqual([1, 1, 1]);
  });

  it('lets the per-school limit be raised', async () => {
    const { guard } = guardWith({ perSchoolConcurrency: 3, globalConcurrency: 10 });
    let active = 0;
    let maxActive = 0;
    const call = async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
    };
    await Promise.all(
      ['pupils', 'contacts', 'staff', 'structure'].map((dataset) => guard.run({ schoolId: 'a', dataset }, call)),
    );
    expect(maxActive).toBe(3);
  });

  it('does not hold the school slot while backing off', async () => {
    let release!: () => void;
    const backingOff = new Promise<void>((resolve) => (release = resolve));
    let sleeping!: () => void;
    const asleep = new Promise<void>((resolve) => (sleeping = resolve));
    const guard = new IsamsCallGuard({
      perSchoolConcurrency: 1,
      sleep: () => {
        sleeping();
        return backingOff;
      },
    });
    const first = guard.run(PUPILS, scripted([retryable()], 'first').call);
    await asleep;
    await expect(guard.run({ schoolId: 's1', dataset: 'contacts' }, async () => 'meanwhile')).resolves.toBe(
      'meanwhile',
    );
    release();
    await expect(first).resolves.toBe('first');
  });
});
