import { QUEUES } from '@isams-sync/messaging';
import { randomUUID } from 'node:crypto';
import { attendanceRequestedV1, buildEnvelope } from '@isams-sync/contracts';
import { DEAD_LETTER_HEADERS } from '@isams-sync/messaging';
import { AttendanceRepository, SchoolRepository } from '@isams-sync/persistence';
import { type RunningSimulator, startSimulator } from '../../isams-simulator/src/isams-simulator.server';
import { BrokerProbe, type RunningService, testServiceEnv, waitFor } from '@isams-sync/testing';
import { AttendanceSchedulerService } from '../src/schedule/attendance-scheduler.service';
import {
  addSchool,
  eventsOf,
  type Listener,
  RequestLog,
  startAttendance,
  TEST_ATTENDANCE_ENV,
} from '../../../test/support/attendance-harness';

describe('attendance: two replicas, the schedule and on-demand requests', () => {
  const logA = new RequestLog();
  const logB = new RequestLog();
  let sim: RunningSimulator;
  let replicaA: RunningService;
  let replicaB: RunningService;
  let probe: BrokerProbe;
  let listener: Listener;
  let store: AttendanceRepository;
  let today: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, pupils: 40 });
    // Same database and broker names: two replicas of one deployment.
    const env = testServiceEnv('attendance-replicas', TEST_ATTENDANCE_ENV);
    ({ service: replicaA } = await startAttendance(logA, env));
    ({ service: replicaB } = await startAttendance(logB, env));
    probe = await BrokerProbe.connect();
    listener = await probe.listen(replicaA.messaging.topology.exchange('public'), 'attendance.changed');
    store = replicaA.app.get(AttendanceRepository);
    today = sim.school.info().today;
  });

  afterAll(async () => {
    await probe.close();
    await replicaB.app.close();
    await replicaA.close([QUEUES.attendanceRequested]);
    await sim.close();
  });

  it('two replicas racing for the same slot: exactly one pulls, events are published once', async () => {
    await addSchool(replicaA, sim, 'race');
    // 09:50 in London on the simulator's school day: the AM slot (09:45) is due, the PM one is not.
    const now = new Date(`${today}T09:50:00Z`);
    const [a, b] = await Promise.all([
      replicaA.app.get(AttendanceSchedulerService).tick(now),
      replicaB.app.get(AttendanceSchedulerService).tick(now),
    ]);
    const outcomes = [...a, ...b].map((r) => r.outcome).sort();
    expect(outcomes).toEqual(['pulled', 'skipped']);
    const pulls = await store.pullsOf('race', today);
    expect(pulls.map((p) => [p.session, p.slot, p.status])).toEqual([['AM', 'schedule', 'succeeded']]);
    const registerCalls = [...logA.seen, ...logB.seen].filter(
      (r) => r.path.includes('/register/') && r.query.get('page') === '1',
    );
    expect(registerCalls).toHaveLength(1);
    const marks = await store.marksOf('race', today, 'AM');
    const events = await eventsOf(listener, 'race');
    expect(events).toHaveLength(marks.length);

    // a later tick in the same slot pulls nothing again
    const later = await replicaB.app.get(AttendanceSchedulerService).tick(new Date(`${today}T10:30:00Z`));
    expect(later.every((r) => r.outcome === 'skipped')).toBe(true);
    expect(await store.pullsOf('race', today)).toHaveLength(1);
  });

  it('schedules only schools with REST credentials and register ids', async () => {
    const info = sim.school.info();
    const schools = replicaA.app.get(SchoolRepository);
    const base = { accessUrl: sim.url, timezone: 'Europe/London', batchKeys: info.keys };
    await schools.add({ ...base, id: 'batch-only', name: 'Batch only' });
    await schools.add({
      ...base,
      id: 'no-registers',
      name: 'No register ids',
      rest: { clientId: info.rest.clientId, clientSecret: info.rest.clientSecret },
    });
    const results = await replicaA.app.get(AttendanceSchedulerService).tick(new Date(`${today}T14:31:00Z`));
    expect((await store.pullsOf('race', today)).map((p) => p.session).sort()).toEqual(['AM', 'PM']);
    expect(results.filter((r) => r.outcome === 'pulled')).toHaveLength(1);
    expect(await store.pullsOf('batch-only', today)).toEqual([]);
    expect(await store.pullsOf('no-registers', today)).toEqual([]);
  });

  it('a slot whose replica died is taken over once its lease is over, by one replica', async () => {
    await addSchool(replicaA, sim, 'dead-replica');
    const now = new Date(`${today}T09:50:00Z`);
    const dead = await store.claimPull(
      {
        schoolId: 'dead-replica',
        date: today,
        session: 'AM',
        slot: 'schedule',
        owner: 'gone',
        correlationId: 'c',
        leaseMs: 60_000,
        maxAttempts: 3,
      },
      new Date(now.getTime() - 120_000),
    );
    expect(dead.claimed).toBe(true);
    const [a, b] = await Promise.all([
      replicaA.app.get(AttendanceSchedulerService).tick(now),
      replicaB.app.get(AttendanceSchedulerService).tick(now),
    ]);
    const attempts = await store.pullsOf('dead-replica', today);
    const ids = new Set(attempts.map((p) => p._id));
    const mine = [...a, ...b].filter((r) => r.pullId !== undefined && ids.has(r.pullId));
    expect(mine.map((r) => r.outcome).sort()).toEqual(['pulled', 'skipped']);
    expect(attempts.map((p) => [p.attempt, p.status])).toEqual([
      [1, 'running'],
      [2, 'succeeded'],
    ]);
  });

  const request = (schoolId: string) =>
    buildEnvelope(attendanceRequestedV1, {
      schoolId,
      correlationId: randomUUID(),
      data: { date: today, sessions: ['AM', 'PM'], requestedBy: 'support:jo' },
    });

  it('an attendance.requested.v1 pulls both sessions; the same request delivered twice changes nothing', async () => {
    await addSchool(replicaA, sim, 'on-demand');
    const message = request('on-demand');
    await replicaA.messaging.publish('internal', attendanceRequestedV1.routingKey, message);
    await replicaA.messaging.publish('internal', attendanceRequestedV1.routingKey, message);
    const done = await waitFor('both sessions pulled', async () => {
      const pulls = await store.pullsOf('on-demand', today);
      return pulls.length === 2 && pulls.every((p) => p.status === 'succeeded') ? pulls : undefined;
    });
    expect(done.map((p) => [p.session, p.slot]).sort()).toEqual([
      ['AM', `request:${message.eventId}`],
      ['PM', `request:${message.eventId}`],
    ]);
    await waitFor(
      'queue drained',
      async () => (await probe.messageCount(replicaA.messaging.topology.queue(QUEUES.attendanceRequested))) === 0,
    );
    // a distinct request afterwards proves both deliveries of the first were handled; it finds nothing changed
    const second = request('on-demand');
    await replicaA.messaging.publish('internal', attendanceRequestedV1.routingKey, second);
    await waitFor(
      'the second request',
      async () => (await store.pullsOf('on-demand', today)).filter((p) => p.status === 'succeeded').length === 4,
    );
    const pulls = await store.pullsOf('on-demand', today);
    expect(pulls).toHaveLength(4);
    expect(pulls.filter((p) => p.slot === `request:${second.eventId}`).every((p) => p.eventsPublished === 0)).toBe(
      true,
    );
    const marks = await store.marksOf('on-demand', today);
    expect(await eventsOf(listener, 'on-demand')).toHaveLength(marks.length);
  });

  it('dead-letters an invalid request with its reason and school', async () => {
    const bad = { ...request('bad-request'), data: { date: '23/11/2026', sessions: [], requestedBy: 'x' } };
    await probe.publishRaw(
      replicaA.messaging.topology.exchange('internal'),
      attendanceRequestedV1.routingKey,
      JSON.stringify(bad),
    );
    const dead = await probe.take(replicaA.messaging.topology.deadLetterQueue(QUEUES.attendanceRequested));
    expect(String(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason])).toContain('data.date');
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.schoolId]).toBe('bad-request');
  });

  it('dead-letters a request for a school without REST credentials, with the fix, without retrying', async () => {
    const message = request('unknown-school');
    await replicaA.messaging.publish('internal', attendanceRequestedV1.routingKey, message);
    const dead = await probe.take(replicaA.messaging.topology.deadLetterQueue(QUEUES.attendanceRequested));
    expect(String(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason])).toContain(
      "school 'unknown-school' is not registered",
    );
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.attempts]).toBe(1);
  });

  it('deletes attendance older than the retention period (a scheduled delete: no TTL indexes on FerretDB)', async () => {
    const day = 86_400_000;
    const base = Date.parse(`${today}T12:00:00Z`);
    expect(await replicaA.app.get(AttendanceSchedulerService).purgeIfDue(new Date(base + 10 * day))).toBe(0);
    expect((await store.marksOf('race', today)).length).toBeGreaterThan(0);
    expect(await replicaB.app.get(AttendanceSchedulerService).purgeIfDue(new Date(base + 31 * day))).toBeGreaterThan(0);
    expect(await store.marksOf('race', today)).toEqual([]);
    expect(await store.pullsOf('race', today)).toEqual([]);
  });
});
