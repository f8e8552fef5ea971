import { QUEUES } from '@isams-sync/messaging';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { PermanentError, RetryableError } from '@isams-sync/resilience';
import { AttendanceRepository } from '@isams-sync/persistence';
import { type RunningSimulator, startSimulator } from '../../isams-simulator/src/isams-simulator.server';
import { BrokerProbe, type RunningService } from '@isams-sync/testing';
import { PullAttendanceService, type PullRequest } from '../src/pull-attendance/pull-attendance.service';
import {
  addSchool,
  eventsOf,
  expectedStatus,
  type Listener,
  RequestLog,
  singleRows,
  startAttendance,
} from '../../../test/support/attendance-harness';

describe('attendance: pulls over real HTTP from the simulator, real broker and database', () => {
  const log = new RequestLog();
  let sim: RunningSimulator;
  let service: RunningService;
  let env: Record<string, string>;
  let probe: BrokerProbe;
  let listener: Listener;
  let pulls: PullAttendanceService;
  let store: AttendanceRepository;
  let today: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, pupils: 60, dataQuality: { duplicateRegisterRow: 0.1 } });
    ({ service, env } = await startAttendance(log));
    probe = await BrokerProbe.connect();
    listener = await probe.listen(service.messaging.topology.exchange('public'), 'attendance.changed');
    pulls = service.app.get(PullAttendanceService);
    store = service.app.get(AttendanceRepository);
    today = sim.school.info().today;
  });

  afterAll(async () => {
    await probe.close();
    await service.close([QUEUES.attendanceRequested]);
    await sim.close();
  });

  afterEach(() => {
    sim.school.clearFaults();
    log.clear();
  });

  const pull = (
    schoolId: string,
    session: 'AM' | 'PM',
    slot = `test:${randomUUID()}`,
  ): Promise<Awaited<ReturnType<PullAttendanceService['execute']>>> =>
    pulls.execute({ schoolId, date: today, session, slot, correlationId: randomUUID() } satisfies PullRequest);

  function checkAgainstTruth(periodId: number, marks: Awaited<ReturnType<AttendanceRepository['marksOf']>>) {
    const rows = sim.school.register(periodId);
    const away = new Set(sim.school.outOfSchool(today).map((r) => r.schoolId));
    expect(new Set(marks.map((m) => m.isamsId))).toEqual(new Set(rows.map((r) => r.schoolId)));
    const single = singleRows(rows);
    for (const mark of marks) {
      const row = single.get(mark.isamsId);
      if (!row) continue;
      expect({ pupil: mark.isamsId, status: mark.status, code: mark.code }).toEqual({
        pupil: row.schoolId,
        status: expectedStatus(sim.school, row, away),
        code: row.registered ? row.code : mark.code,
      });
    }
    return { rows, single };
  }

  it('a normal day: AM then PM, marks and events match the register', async () => {
    await addSchool(service, sim, 'normal-day');
    const { am, pm } = sim.school.info().registers;

    const amResult = await pull('normal-day', 'AM');
    const amMarks = await store.marksOf('normal-day', today, 'AM');
    const { rows } = checkAgainstTruth(am, amMarks);
    expect(amResult.outcome).toBe('pulled');
    expect(amResult.registrationPeriodId).toBe(String(am));
    expect(Object.values(amResult.counts).reduce((a, b) => a + b, 0)).toBe(new Set(rows.map((r) => r.schoolId)).size);
    expect(amResult.eventsPublished).toBe(amMarks.length);

    const events = await eventsOf(listener, 'normal-day');
    expect(events).toHaveLength(amMarks.length);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events[0]).toMatchObject({ type: 'attendance.changed', version: 1, routingKey: 'attendance.changed' });
    const byPupil = new Map(events.map((e) => [e.data.isamsId, e.data]));
    for (const mark of amMarks)
      expect(byPupil.get(mark.isamsId)).toMatchObject({
        date: today,
        session: 'AM',
        status: mark.status,
        code: mark.code,
        registrationPeriodId: String(am),
      });
    expect(amMarks.every((m) => m.eventId === events.find((e) => e.data.isamsId === m.isamsId)?.eventId)).toBe(true);

    const metrics = await fetch(`${service.baseUrl}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/isams_sync_attendance_pulls_total\{[^}]*session="AM"[^}]*outcome="pulled"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/isams_sync_isams_calls_total\{[^}]*dataset="rest"[^}]*outcome="success"/);

    const pmResult = await pull('normal-day', 'PM');
    checkAgainstTruth(pm, await store.marksOf('normal-day', today, 'PM'));
    const after = await eventsOf(listener, 'normal-day');
    expect(after.filter((e) => e.data.session === 'PM')).toHaveLength(pmResult.eventsPublished);
    expect(pmResult.eventsPublished).toBeGreaterThan(0);
  });

  it('a re-pull with no change publishes nothing', async () => {
    await addSchool(service, sim, 're-pull');
    const first = await pull('re-pull', 'AM');
    const before = (await eventsOf(listener, 're-pull')).length;
    expect(before).toBe(first.eventsPublished);
    const again = await pull('re-pull', 'AM');
    expect(again.outcome).toBe('pulled');
    expect(again.eventsPublished).toBe(0);
    expect(await eventsOf(listener, 're-pull')).toHaveLength(before);
  });

  it('a mark that changes between pulls gives one event for that pupil, none for the others', async () => {
    await addSchool(service, sim, 'retake');
    const { pm } = sim.school.info().registers;
    await pull('retake', 'PM');
    const stored = new Map((await store.marksOf('retake', today, 'PM')).map((m) => [m.isamsId, m]));
    const before = (await eventsOf(listener, 'retake')).length;

    sim.school.retakeRegister(pm);
    const result = await pull('retake', 'PM');
    const now = await store.marksOf('retake', today, 'PM');
    const changed = now.filter(
      (m) => stored.get(m.isamsId)?.status !== m.status || stored.get(m.isamsId)?.code !== m.code,
    );
    expect(changed.length).toBeGreaterThan(0);
    const events = (await eventsOf(listener, 'retake')).slice(before);
    expect(result.eventsPublished).toBe(changed.length);
    expect(events.map((e) => e.data.isamsId).sort()).toEqual(changed.map((m) => m.isamsId).sort());
    for (const event of events) expect(event.data.previousStatus).toBe(stored.get(event.data.isamsId)?.status);
    checkAgainstTruth(pm, now);
  });

  it('events a failed pull could not publish are published by the next pull (the marks are the outbox)', async () => {
    await addSchool(service, sim, 'outbox');
    const { am } = sim.school.info().registers;
    await pull('outbox', 'AM');
    const before = new Map((await store.marksOf('outbox', today, 'AM')).map((m) => [m.isamsId, m.status]));
    const seen = (await eventsOf(listener, 'outbox')).length;

    sim.school.retakeRegister(am);
    // the broker refuses every publish of this pull, after its marks were stored
    const refuse = jest.spyOn(service.messaging, 'publish').mockRejectedValue(new Error('broker gone'));
    const failed = await pull('outbox', 'AM').catch((e: unknown) => e);
    refuse.mockRestore();
    expect((failed as Error).message).toBe('broker gone');
    expect(await eventsOf(listener, 'outbox')).toHaveLength(seen);

    const next = await pull('outbox', 'AM');
    const changed = (await store.marksOf('outbox', today, 'AM')).filter((m) => before.get(m.isamsId) !== m.status);
    expect(changed.length).toBeGreaterThan(0);
    const events = (await eventsOf(listener, 'outbox')).slice(seen);
    expect(next.eventsPublished).toBe(events.length);
    for (const mark of changed) expect(events.map((e) => e.eventId)).toContain(mark.eventId);
    // once confirmed, nothing is published again
    expect((await pull('outbox', 'AM')).eventsPublished).toBe(0);
  });

  it('reads every page of the register', async () => {
    await addSchool(service, sim, 'paging');
    const { am } = sim.school.info().registers;
    await pull('paging', 'AM');
    const pages = log.of(`/register/${am}`).map((r) => Number(r.query.get('page')));
    const rows = sim.school.register(am).length;
    expect(pages).toEqual(Array.from({ length: Math.ceil(rows / 25) }, (_, i) => i + 1));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(await store.marksOf('paging', today, 'AM')).toHaveLength(
      new Set(sim.school.register(am).map((r) => r.schoolId)).size,
    );
  });

  it('merges duplicate rows into one mark per pupil', async () => {
    await addSchool(service, sim, 'duplicates');
    const { am } = sim.school.info().registers;
    const rows = sim.school.register(am);
    const duplicated = [...new Set(rows.map((r) => r.schoolId))].filter(
      (id) => rows.filter((r) => r.schoolId === id).length > 1,
    );
    expect(duplicated.length).toBeGreaterThan(0);
    const result = await pull('duplicates', 'AM');
    const marks = await store.marksOf('duplicates', today, 'AM');
    expect(marks.filter((m) => duplicated.includes(m.isamsId))).toHaveLength(duplicated.length);
    const away = new Set(sim.school.outOfSchool(today).map((r) => r.schoolId));
    for (const id of duplicated) {
      const candidates = rows.filter((r) => r.schoolId === id).map((r) => expectedStatus(sim.school, r, away));
      expect(candidates).toContain(marks.find((m) => m.isamsId === id)?.status);
    }
    const disagreeing = duplicated.filter(
      (id) => new Set(rows.filter((r) => r.schoolId === id && r.registered).map((r) => `${r.code}`)).size > 1,
    );
    expect(result.findings.filter((f) => f.kind === 'duplicate-record')).toHaveLength(disagreeing.length);
  });

  it('survives the token expiring mid-pull: one refresh, one retry, every page', async () => {
    await addSchool(service, sim, 'token-expiry');
    const { am } = sim.school.info().registers;
    let moved = false;
    log.before = (request) => {
      if (!moved && request.path.endsWith(`/register/${am}`) && request.query.get('page') === '2') {
        moved = true;
        sim.school.advanceClock(2 * 3600); // the token the client holds is now expired on the server
      }
    };
    await pull('token-expiry', 'AM');
    expect(moved).toBe(true);
    const page2 = log.of(`/register/${am}`).filter((r) => r.query.get('page') === '2');
    expect(page2.map((r) => r.status)).toEqual([401, 200]);
    // the first token, then exactly one refresh
    expect(log.of(sim.school.info().rest.tokenPath).map((r) => r.status)).toEqual([200, 200]);
    expect(await store.marksOf('token-expiry', today, 'AM')).toHaveLength(
      new Set(sim.school.register(am).map((r) => r.schoolId)).size,
    );
  });

  it('wrong credentials: a clear permanent failure naming the school, one token request, no retry storm', async () => {
    await addSchool(service, sim, 'wrong-secret', { clientSecret: 'NOT-THE-SECRET-123' });
    const error = await pull('wrong-secret', 'AM').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain("school 'wrong-secret'");
    expect((error as PermanentError).context.fix).toContain('--rest-client-secret');
    expect((error as Error).message).not.toContain('NOT-THE-SECRET-123');
    expect(log.seen).toHaveLength(1);
    expect(log.seen[0].status).toBe(401);
    const [recorded] = await store.pullsOf('wrong-secret', today);
    expect(recorded).toMatchObject({ status: 'failed', fix: expect.stringContaining('wrong-secret') });
    expect(recorded.retryAt).toBeUndefined();
  });

  it('throttled with Retry-After: waits as told, then pulls', async () => {
    await addSchool(service, sim, 'throttle-ra');
    const { am } = sim.school.info().registers;
    sim.school.setFault({
      kind: 'throttle-storm',
      paths: [`/api/registration/register/${am}`],
      count: 1,
      retryAfterSeconds: 1,
    });
    const result = await pull('throttle-ra', 'AM');
    expect(result.outcome).toBe('pulled');
    const calls = log.of(`/register/${am}`).filter((r) => r.query.get('page') === '1');
    expect(calls.map((r) => r.status)).toEqual([429, 200]);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
  });

  it('throttled without Retry-After: backs off and pulls', async () => {
    await addSchool(service, sim, 'throttle');
    const { am } = sim.school.info().registers;
    sim.school.setFault({ kind: 'throttle-storm', paths: [`/api/registration/register/${am}`], count: 2 });
    const result = await pull('throttle', 'AM');
    expect(result.outcome).toBe('pulled');
    expect(
      log
        .of(`/register/${am}`)
        .filter((r) => r.query.get('page') === '1')
        .map((r) => r.status),
    ).toEqual([429, 429, 200]);
  });

  it('a token endpoint that is down: retried within bounds, then recorded for a later retry', async () => {
    await addSchool(service, sim, 'token-down');
    const tokenPath = sim.school.info().rest.tokenPath;
    sim.school.setFault({ kind: 'token-endpoint-down', count: 1 });
    expect((await pull('token-down', 'AM')).outcome).toBe('pulled');
    expect(log.of(tokenPath).map((r) => r.status)).toEqual([503, 200]);

    await addSchool(service, sim, 'token-down-long');
    log.clear();
    sim.school.setFault({ kind: 'token-endpoint-down' });
    const error = await pull('token-down-long', 'AM').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toContain('token-down-long');
    // bounded: at most ISAMS_MAX_ATTEMPTS (4), fewer once the school's REST breaker opens
    expect(log.of(tokenPath).length).toBeGreaterThanOrEqual(3);
    expect(log.of(tokenPath).length).toBeLessThanOrEqual(4);
    const [recorded] = await store.pullsOf('token-down-long', today);
    expect(recorded).toMatchObject({ status: 'failed' });
    expect(recorded.retryAt).toBeInstanceOf(Date);
  });

  it('links pupils to students; a pupil SchoolsBuddy does not know is a finding and is not published', async () => {
    await addSchool(service, sim, 'directory');
    const { am } = sim.school.info().registers;
    const ids = [...new Set(sim.school.register(am).map((r) => r.schoolId))];
    const [unknown, ...known] = ids;
    const db = await mongoose.createConnection(env.MONGO_URL).asPromise();
    try {
      // as the importer stores students (libs/persistence UserDoc)
      await db.collection('users').insertMany(
        known.map((isamsId) => ({
          _id: `student-${isamsId}` as unknown as mongoose.Types.ObjectId,
          schoolId: 'directory',
          userKey: `student:${isamsId}`,
          kind: 'student',
          roles: ['student'],
          isams: { studentId: isamsId, contactIds: [] },
          active: true,
        })),
      );
    } finally {
      await db.close();
    }
    const result = await pull('directory', 'AM');
    expect(result.findings.filter((f) => f.kind === 'unknown-pupil').map((f) => f.recordRef)).toEqual([
      `register ${am} SchoolId=${unknown}`,
    ]);
    const events = await eventsOf(listener, 'directory');
    expect(events).toHaveLength(known.length);
    expect(events.every((e) => e.data.studentId === `student-${e.data.isamsId}`)).toBe(true);
    expect((await store.marksOf('directory', today, 'AM')).find((m) => m.isamsId === unknown)).toMatchObject({
      isamsId: unknown,
    });
  });

  it('a school without REST credentials fails permanently with the fix', async () => {
    const error = await pull('no-such-school', 'AM').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain("'no-such-school'");
  });
});
