import { inspect } from 'node:util';
import {
  BATCH_METHODS,
  type BatchCallError,
  isBatchCallError,
  BatchClient,
  type BatchRequest,
  datasetRequest,
  dateRangeFilters,
} from '@isams-sync/isams';
import { CallTimeoutError, IsamsCallGuard, PermanentError, RetryableError } from '@isams-sync/resilience';
import { UNHANDLED_TITLE } from '@isams-sync/simulator';
import { renderBatchDocument } from '@isams-sync/simulator';
import { startSimulator, type RunningSimulator } from '../../../apps/isams-simulator/src/isams-simulator.server';

/** Every error a test saw, checked at the end for the key. */
const seenErrors: unknown[] = [];

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    seenErrors.push(error);
    return error;
  }
  throw new Error('expected the call to fail');
}

async function batchFailure(promise: Promise<unknown>): Promise<BatchCallError> {
  const error = await failure(promise);
  expect(isBatchCallError(error)).toBe(true);
  return error as BatchCallError;
}

describe('BatchClient against the simulator over HTTP', () => {
  let sim: RunningSimulator;
  const client = new BatchClient();
  const keyOf = (dataset: 'pupils' | 'contacts' | 'staff' | 'structure') => sim.school.info().keys[dataset];
  const request = (
    dataset: 'pupils' | 'contacts' | 'staff' | 'structure',
    extra: Partial<BatchRequest> = {},
  ): BatchRequest => ({
    accessUrl: sim.school.info().accessUrl,
    apiKey: keyOf(dataset),
    dataset,
    ...extra,
  });
  /** a guard that never really waits between attempts */
  const quickGuard = (options: ConstructorParameters<typeof IsamsCallGuard>[0] = {}) =>
    new IsamsCallGuard({ sleep: async () => undefined, ...options });

  beforeAll(async () => {
    sim = await startSimulator({ seed: 4, pupils: 30, port: 0 });
    for (const dataset of ['pupils', 'contacts', 'staff', 'structure'] as const)
      sim.school.configureKey(dataset, { cacheSeconds: 0 });
  });
  afterEach(() => sim.school.clearFaults());
  afterAll(() => sim.close());

  it('fetches a key: the body is byte for byte what the simulator serves, the url has no key', async () => {
    const answer = await client.fetch(request('pupils'));
    expect(answer.status).toBe(200);
    expect(
      answer.body.equals(Buffer.from(renderBatchDocument(sim.school, [BATCH_METHODS.currentPupils]), 'utf8')),
    ).toBe(true);
    expect(answer.url).toBe(`${sim.url}/api/batch/1.0/xml.ashx`);
    expect(answer.contentType).toMatch(/xml/);
    expect(answer.durationMs).toBeGreaterThan(0);
  });

  it('narrows a key to some methods with a POSTed MethodsToRun filter', async () => {
    const answer = await client.fetch(request('structure', { methods: [BATCH_METHODS.years, BATCH_METHODS.forms] }));
    const text = answer.body.toString('utf8');
    expect(text).toBe(renderBatchDocument(sim.school, [BATCH_METHODS.years, BATCH_METHODS.forms]));
    expect(text).not.toContain('<AcademicHouses');
  });

  it('an unknown key is invalid-key, permanent', async () => {
    const error = await batchFailure(
      client.fetch({ accessUrl: sim.url, apiKey: '00000000-DEAD-BEEF-0000-000000000000', dataset: 'pupils' }),
    );
    expect(error).toMatchObject({ kind: 'invalid-key', retryable: false, httpStatus: 401, messageId: 'InvalidApiKey' });
    expect(error.fix).toContain('the pupils key');
    expect(error.message).not.toContain('DEAD-BEEF');
  });

  it('an inactive key is invalid-key too', async () => {
    sim.school.configureKey('staff', { active: false });
    try {
      const error = await batchFailure(client.fetch(request('staff')));
      expect(error.kind).toBe('invalid-key');
    } finally {
      sim.school.configureKey('staff', { active: true });
    }
  });

  it('a method not ticked on the key is method-not-allocated, and the fix names it', async () => {
    const error = await batchFailure(client.fetch(request('pupils', { methods: [BATCH_METHODS.contacts] })));
    expect(error).toMatchObject({ kind: 'method-not-allocated', retryable: false, httpStatus: 403 });
    expect(error.fix).toBe('In iSAMS Control Panel > API Services, tick ContactAdvanced_GetContacts on the pupils key');
  });

  it('a throttled key is throttled, with Retry-After in ms', async () => {
    sim.school.configureKey('staff', { throttle: { limit: 1, windowSeconds: 3600, retryAfterSeconds: 42 } });
    try {
      await client.fetch(request('staff'));
      const error = await batchFailure(client.fetch(request('staff')));
      expect(error).toMatchObject({ kind: 'throttled', retryable: true, httpStatus: 429, retryAfterMs: 42_000 });
    } finally {
      sim.school.configureKey('staff', { throttle: null });
    }
  });

  it('a deadlock is deadlock, a RetryableError, under the title real iSAMS gives it', async () => {
    sim.school.setFault({ kind: 'deadlock', datasets: ['staff'] });
    const error = await batchFailure(client.fetch(request('staff')));
    expect(error).toMatchObject({
      kind: 'deadlock',
      retryable: true,
      httpStatus: 500,
      messageId: 'UnhandledException',
    });
    expect(error).toBeInstanceOf(RetryableError);
    expect(UNHANDLED_TITLE).toBe('Unknown Error');
  });

  it('contacts asked for without the Contacts (Advanced) filter is filters-required, permanent, naming the method', async () => {
    const error = await batchFailure(client.fetch(request('contacts')));
    expect(error).toMatchObject({ kind: 'filters-required', httpStatus: 400, messageId: 'FiltersRequiredException' });
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.fix).toContain('ContactAdvanced_GetContacts');
    expect(error.fix).toContain('the contacts key');
  });

  it('contacts asked for as the sync asks (the Contacts (Advanced) filter) answers only contacts of current pupils', async () => {
    const { endpoint, filters } = datasetRequest('contacts');
    const answer = await client.fetch(request('contacts', { endpoint, filters }));
    const current = sim.school.data.contacts.filter((contact) => contact.pupils.some((link) => link.status === 1));
    expect(answer.body.toString('utf8').match(/<Contact [^>]*>/g)).toHaveLength(current.length);
  });

  it('photos come from photos.ashx, where the sync asks for them', async () => {
    const { endpoint } = datasetRequest('photos');
    const answer = await client.fetch({
      accessUrl: sim.url,
      apiKey: sim.school.info().keys.photos,
      dataset: 'photos',
      endpoint,
    });
    expect(answer.url).toBe(`${sim.url}/api/batch/1.0/photos.ashx`);
    expect(answer.body.toString('utf8')).toContain('<PupilPhotos>');
  });

  it('the registration methods answer with their date filters (out-of-school, periods, status), and refuse without them', async () => {
    const apiKey = sim.school.info().registrationKey;
    const today = sim.school.info().today;
    const methods = [BATCH_METHODS.outOfSchool, BATCH_METHODS.registrationPeriods, BATCH_METHODS.registrationStatus];
    const answer = await client.fetch({ accessUrl: sim.url, apiKey, filters: dateRangeFilters(methods, today, today) });
    const text = answer.body.toString('utf8');
    for (const collection of ['OutOfSchoolPupils', 'RegistrationPeriods', 'RegistrationStatuses'])
      expect(text).toMatch(new RegExp(`<${collection}[ />]`));
    const refused = await batchFailure(client.fetch({ accessUrl: sim.url, apiKey, dataset: 'registration' }));
    expect(refused).toMatchObject({ kind: 'filters-required', httpStatus: 400 });
  });

  it('a 403 without an iSAMS message id is ip-blocked, permanent, with the allow-list fix', async () => {
    sim.school.setFault({ kind: 'ip-blocked', datasets: ['staff'] });
    const error = await batchFailure(client.fetch(request('staff')));
    expect(error).toMatchObject({ kind: 'ip-blocked', httpStatus: 403 });
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.fix).toContain("add SchoolsBuddy's outgoing addresses to the IP allow-list of the staff key");
    expect(error.fix).not.toContain('tick');
  });

  it('a lock time-out is lock-timeout, retryable', async () => {
    sim.school.setFault({ kind: 'lock-timeout', datasets: ['staff'] });
    const error = await batchFailure(client.fetch(request('staff')));
    expect(error).toMatchObject({ kind: 'lock-timeout', retryable: true });
  });

  it('a 503 page from IIS is a retryable server-error with its Retry-After', async () => {
    sim.school.setFault({ kind: 'service-unavailable', datasets: ['staff'], retryAfterSeconds: 5 });
    const error = await batchFailure(client.fetch(request('staff')));
    expect(error).toMatchObject({ kind: 'server-error', retryable: true, httpStatus: 503, retryAfterMs: 5000 });
  });

  it('a deadlock that clears after one call succeeds through the guard with a retry', async () => {
    sim.school.setFault({ kind: 'deadlock', datasets: ['pupils'], count: 1 });
    const sleeps: number[] = [];
    const guard = new IsamsCallGuard({
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    let calls = 0;
    const answer = await guard.run({ schoolId: 'thornbury', dataset: 'pupils' }, (signal) => {
      calls += 1;
      return client.fetch(request('pupils', { signal }));
    });
    expect(answer.status).toBe(200);
    expect(calls).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(guard.states()).toEqual([{ schoolId: 'thornbury', dataset: 'pupils', state: 'closed', failures: 1 }]);
  });

  it('an invalid key through the guard fails at once and leaves the breaker closed', async () => {
    const guard = quickGuard({ volumeThreshold: 1 });
    let calls = 0;
    const error = await failure(
      guard.run({ schoolId: 'thornbury', dataset: 'pupils' }, (signal) => {
        calls += 1;
        return client.fetch({ accessUrl: sim.url, apiKey: '11111111-2222-3333-4444-555555555555', signal });
      }),
    );
    expect(isBatchCallError(error)).toBe(true);
    expect(calls).toBe(1);
    expect(guard.states()[0].state).toBe('closed');
  });

  it('a never-finishing answer is cut off by the guard time-out', async () => {
    sim.school.setFault({ kind: 'never-finish', datasets: ['pupils'], afterBytes: 100 });
    const guard = quickGuard({ callTimeoutMs: 300, maxAttempts: 2 });
    let lastSignal: AbortSignal | undefined;
    const error = await failure(
      guard.run({ schoolId: 'thornbury', dataset: 'pupils' }, (signal) => {
        lastSignal = signal;
        return client.fetch(request('pupils', { signal }));
      }),
    );
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).cause).toBeInstanceOf(CallTimeoutError);
    expect(lastSignal?.aborted).toBe(true);
  });

  it('a never-finishing answer aborted by a signal is a timeout from the client', async () => {
    sim.school.setFault({ kind: 'never-finish', datasets: ['pupils'] });
    const error = await batchFailure(client.fetch(request('pupils', { signal: AbortSignal.timeout(200) })));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it.each([
    ['before anything', 0],
    ['part-way through the body', 500],
  ])('a connection reset %s is network, retryable', async (_when, afterBytes) => {
    sim.school.setFault({ kind: 'connection-reset', datasets: ['pupils'], afterBytes });
    const error = await batchFailure(client.fetch(request('pupils')));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });

  it('a refused connection is network, retryable', async () => {
    const error = await batchFailure(client.fetch({ accessUrl: 'http://127.0.0.1:1', apiKey: keyOf('pupils') }));
    expect(error.kind).toBe('network');
  });

  it('an answer over maxBytes is too-large, permanent', async () => {
    const error = await batchFailure(client.fetch(request('pupils', { maxBytes: 2000 })));
    expect(error).toMatchObject({ kind: 'too-large', retryable: false });
  });

  // last on purpose: jest runs a file's tests in order, so every error above has been collected
  it('no error seen above holds an API key anywhere (message, fix, cause chain)', () => {
    const keys = Object.values(sim.school.info().keys).map((key) => key.toLowerCase());
    expect(seenErrors.length).toBeGreaterThan(8);
    for (const error of seenErrors) {
      const text = `${inspect(error, { depth: 8 })} ${JSON.stringify(error)} ${String(error)}`.toLowerCase();
      for (const key of keys) expect(text).not.toContain(key);
    }
  });
});
