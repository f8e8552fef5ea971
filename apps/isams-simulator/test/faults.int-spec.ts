import { ERROR_IDS } from '@isams-sync/isams';
import { DEADLOCK_DESCRIPTION, LOCK_TIMEOUT_DESCRIPTION, renderBatchDocument } from '@isams-sync/simulator';
import { startSimulator, type RunningSimulator } from '../src/isams-simulator.server';
import { XMLValidator } from 'fast-xml-parser';
import { ClientTimeout, httpRequest, json, messageId, type HttpAnswer } from './http-client';

const BATCH = '/api/batch/1.0/xml.ashx';

/** Resolves with the answer or the error the client saw, so a test can look at either. */
async function outcome(promise: Promise<HttpAnswer>): Promise<HttpAnswer | Error> {
  try {
    return await promise;
  } catch (error) {
    return error as Error;
  }
}

describe('faults over HTTP', () => {
  let sim: RunningSimulator;
  const url = (dataset: 'pupils' | 'staff' | 'structure') =>
    `${sim.url}${BATCH}?apiKey=${sim.school.info().keys[dataset]}`;
  const fullPupils = () => renderBatchDocument(sim.school, ['Pupil_GetCurrentPupils']);
  const tokenForm = () => {
    const { clientId, clientSecret } = sim.school.info().rest;
    return new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'restapi',
    }).toString();
  };
  const postToken = (timeoutMs?: number) =>
    httpRequest(`${sim.url}/auth/connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: tokenForm(),
      timeoutMs,
    });

  beforeAll(async () => {
    sim = await startSimulator({ seed: 21, pupils: 60 });
    sim.school.configureKey('pupils', { cacheSeconds: 0 });
  });
  afterEach(() => sim.school.clearFaults());
  // never-finishing and dripping answers are still open here: close() must end them
  afterAll(() => sim.close());

  it('latency: the answer is held back until a client deadline passes, then flows again', async () => {
    sim.school.setFault({ kind: 'latency', latencyMs: 5000, datasets: ['pupils'], count: 1 });
    const late = await outcome(httpRequest(url('pupils'), { timeoutMs: 300 }));
    expect(late).toBeInstanceOf(ClientTimeout);
    expect((late as ClientTimeout).status).toBeUndefined();
    const next = await httpRequest(url('pupils'));
    expect(next.text).toBe(fullPupils());
  });

  it('latency: a patient client still gets the whole answer', async () => {
    sim.school.setFault({ kind: 'latency', latencyMs: 150 });
    expect((await httpRequest(url('pupils'))).text).toBe(fullPupils());
  });

  it('slow-drip: the body arrives in small pieces, intact', async () => {
    sim.school.setFault({ kind: 'slow-drip', paths: ['/auth/connect/token'], chunkBytes: 16, intervalMs: 5 });
    const answer = await postToken();
    expect(answer.status).toBe(200);
    expect(answer.chunks).toBeGreaterThan(3);
    expect(JSON.parse(answer.text).access_token).toBeDefined();
  });

  it('slow-drip: a large body outlasts a client deadline, part-way through', async () => {
    sim.school.setFault({ kind: 'slow-drip', datasets: ['pupils'], chunkBytes: 64, intervalMs: 20 });
    const dripped = await outcome(httpRequest(url('pupils'), { timeoutMs: 400 }));
    expect(dripped).toBeInstanceOf(ClientTimeout);
    const received = (dripped as ClientTimeout).received;
    expect((dripped as ClientTimeout).status).toBe(200);
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(Buffer.byteLength(fullPupils()));
    expect(fullPupils().startsWith(received.toString('utf8'))).toBe(true);
  });

  it('connection-reset: the connection is reset before any answer', async () => {
    sim.school.setFault({ kind: 'connection-reset', datasets: ['pupils'], count: 1 });
    const reset = await outcome(httpRequest(url('pupils')));
    // node's own errors come from another realm than jest's Error: look at the code
    expect((reset as NodeJS.ErrnoException).code).toBe('ECONNRESET');
  });

  it('connection-reset: the connection is reset part-way through the body', async () => {
    sim.school.setFault({ kind: 'connection-reset', datasets: ['pupils'], afterBytes: 2000, count: 1 });
    const reset = await outcome(httpRequest(url('pupils')));
    expect({ code: (reset as NodeJS.ErrnoException).code, message: (reset as Error).message }).toEqual({
      code: 'ECONNRESET',
      message: 'aborted',
    });
    expect((await httpRequest(url('pupils'))).status).toBe(200);
  });

  it('truncated-xml: a clean 200 whose XML stops mid-document', async () => {
    sim.school.setFault({ kind: 'truncated-xml', datasets: ['pupils'], count: 1 });
    const answer = await httpRequest(url('pupils'));
    const full = fullPupils();
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(Math.floor(Buffer.byteLength(full) * 0.5));
    expect(full.startsWith(answer.text)).toBe(true);
    expect(XMLValidator.validate(answer.text)).not.toBe(true);
  });

  it('truncated-xml: cut after a given number of bytes', async () => {
    sim.school.setFault({ kind: 'truncated-xml', datasets: ['pupils'], afterBytes: 1234, count: 1 });
    expect((await httpRequest(url('pupils'))).body.length).toBe(1234);
  });

  it.each([
    ['deadlock', DEADLOCK_DESCRIPTION],
    ['lock-timeout', LOCK_TIMEOUT_DESCRIPTION],
  ] as const)(
    '%s: a 500 UnhandledException titled "Unknown Error" as recorded, and the retry succeeds',
    async (kind, description) => {
      sim.school.setFault({ kind, datasets: ['staff'], count: 1 });
      expect((await httpRequest(url('pupils'))).status).toBe(200);
      const failed = await httpRequest(url('staff'));
      expect(failed.status).toBe(500);
      expect(messageId(failed.text)).toBe(ERROR_IDS.unhandled);
      expect(failed.text).toContain(description.replace(/'/g, '&apos;'));
      expect(failed.text).toContain('<Title>Unknown Error</Title>');
      expect(failed.text).not.toContain('Unhandled Exception');
      expect((await httpRequest(url('staff'))).status).toBe(200);
    },
  );

  it('service-unavailable: a 503 HTML page with Retry-After, on Batch and REST alike', async () => {
    sim.school.setFault({ kind: 'service-unavailable', retryAfterSeconds: 120 });
    const batch = await httpRequest(url('structure'));
    expect(batch.status).toBe(503);
    expect(batch.headers['content-type']).toContain('text/html');
    expect(batch.headers['retry-after']).toBe('120');
    expect((await httpRequest(`${sim.url}/api/registration/absencecodes`)).status).toBe(503);
  });

  it('throttle-storm: every key is throttled until the storm is cleared', async () => {
    sim.school.setFault({ kind: 'throttle-storm', retryAfterSeconds: 5 });
    for (const dataset of ['pupils', 'staff', 'structure'] as const) {
      const answer = await httpRequest(url(dataset));
      expect(answer.status).toBe(429);
      expect(messageId(answer.text)).toBe(ERROR_IDS.throttled);
      expect(answer.headers['retry-after']).toBe('5');
    }
    sim.school.clearFaults();
    expect((await httpRequest(url('staff'))).status).toBe(200);
  });

  it('token-endpoint-down: no tokens, while the Batch API carries on', async () => {
    sim.school.setFault({ kind: 'token-endpoint-down' });
    expect((await postToken()).status).toBe(503);
    expect((await httpRequest(url('pupils'))).status).toBe(200);
    sim.school.clearFaults();
    expect((await postToken()).status).toBe(200);
  });

  it('never-finish: headers and a little of the body, then nothing until the client gives up', async () => {
    sim.school.setFault({ kind: 'never-finish', datasets: ['pupils'], afterBytes: 500 });
    const hung = await outcome(httpRequest(url('pupils'), { timeoutMs: 300 }));
    expect(hung).toBeInstanceOf(ClientTimeout);
    expect((hung as ClientTimeout).status).toBe(200);
    expect((hung as ClientTimeout).received.length).toBe(500);
  });

  it('faults are switched on and off through the control API too', async () => {
    const set = await json<{ id: number; kind: string }>(`${sim.url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'deadlock', datasets: ['structure'] }),
    });
    expect(set.status).toBe(201);
    expect((await httpRequest(url('structure'))).status).toBe(500);
    const listed = await json<unknown[]>(`${sim.url}/_sim/faults`);
    expect(listed.value).toEqual([expect.objectContaining({ id: set.value.id, kind: 'deadlock', hits: 1 })]);
    expect((await json(`${sim.url}/_sim/faults`, { method: 'DELETE' })).value).toEqual({ cleared: 1 });
    expect((await httpRequest(url('structure'))).status).toBe(200);
    const bad = await json(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'meteor' }) });
    expect(bad.status).toBe(400);
  });
});
