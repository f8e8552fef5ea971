import mongoose from 'mongoose';
import { buildEnvelope, syncRequestedV1 } from '@isams-sync/contracts';
import { startSimulator, type RunningSimulator } from '../apps/isams-simulator/src/isams-simulator.server';
import {
  BrokerProbe,
  type RunningService,
  registerSimulatedSchool,
  startService,
  testLogger,
  testServiceEnv,
  waitFor,
} from '@isams-sync/testing';
import { loadFetcherConfig } from '../apps/fetcher/src/config/fetcher.config';
import { FetcherModule } from '../apps/fetcher/src/fetcher.module';
import { loadImporterConfig } from '../apps/importer/src/config/importer.config';
import { ImporterModule } from '../apps/importer/src/importer.module';
import { loadTransformerConfig } from '../apps/transformer/src/config/transformer.config';
import { TransformerModule } from '../apps/transformer/src/transformer.module';

const DATASETS = ['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos'] as const;
type Event = {
  eventId: string;
  data: { userId: string; change: string; kind: string; user: { isams: { studentId?: string } } };
};

/**
 * What a school and SchoolsBuddy see: simulator → fetcher → transformer → importer over the real
 * broker and database, with another service's queue bound to `schoolsbuddy.events`.
 */
describe('import, end to end', () => {
  let simulator: RunningSimulator;
  let apps: RunningService[];
  let db: mongoose.Connection;
  let probe: BrokerProbe;
  let events: Awaited<ReturnType<BrokerProbe['listen']>>;
  const seen = new Map<string, Event>();

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 5, pupils: 40, port: 0 });
    for (const d of DATASETS) simulator.school.configureKey(d, { cacheSeconds: 0 });
    const env = testServiceEnv('import', {
      ISAMS_BACKOFF_BASE_MS: '20',
      ISAMS_BACKOFF_CAP_MS: '500',
      ISAMS_MAX_ATTEMPTS: '2',
      ISAMS_BREAKER_RESET_MS: '300',
      SCHEDULER_ENABLED: 'false',
    });
    apps = [
      await startService(FetcherModule.forRoot(loadFetcherConfig(env), testLogger()), env),
      await startService(TransformerModule.forRoot(loadTransformerConfig(env), testLogger()), env),
      await startService(ImporterModule.forRoot(loadImporterConfig(env), testLogger()), env),
    ];
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
    probe = await BrokerProbe.connect();
    events = await probe.listen(apps[0].messaging.topology.exchange('public'), '#');
    // A 40-pupil school crosses the default 10% with one staff leaver; this school sets its own thresholds.
    await registerSimulatedSchool(db, simulator.school.info(), {
      id: 'school-i',
      thresholds: { removalPercent: 30, updatePercent: 90 },
    });
  });

  afterAll(async () => {
    await probe.close();
    await db.close();
    await apps[2].close(['importer.dataset-normalised', 'importer.dataset-failed']);
    await apps[1].close(['transformer.snapshot-fetched']);
    await apps[0].close(['fetcher.sync-requested']);
    await simulator.close();
  });

  /** Runs a sync and waits for its report; returns the report and the new events (deduped by eventId). */
  async function sync() {
    const request = buildEnvelope(syncRequestedV1, {
      schoolId: 'school-i',
      data: { trigger: 'on-demand', requestedBy: 'test', dryRun: false },
    });
    await apps[0].messaging.publish('internal', syncRequestedV1.routingKey, request);
    const run = await waitFor(
      'the run',
      async () => (await db.collection('sync_runs').findOne({ runKey: `request:${request.eventId}` })) ?? undefined,
    );
    const report = await waitFor(
      'the run report',
      async () => {
        const r = await db.collection('run_reports').findOne({ _id: run._id as never });
        return r && typeof r.eventsPublished === 'number' ? r : undefined;
      },
      45_000,
    );
    const fresh: Event[] = [];
    await waitFor('events published so far', async () => {
      await events.drain();
      for (const m of events.messages.splice(0)) {
        const e = JSON.parse(m.content.toString()) as Event;
        if (!seen.has(e.eventId)) {
          seen.set(e.eventId, e);
          fresh.push(e);
        }
      }
      return fresh.length >= report.eventsPublished ? true : undefined;
    });
    return { report, fresh };
  }
  const studentsActive = async () =>
    db.collection('users').countDocuments({ schoolId: 'school-i', kind: 'student', active: true });

  it('first sync: every pupil becomes an active student, each change announced once', async () => {
    const { report, fresh } = await sync();
    expect(report.outcome).toBe('succeeded');
    const pupils = simulator.school.pupils().length;
    expect(report.counts.students.created).toBe(pupils);
    expect(await studentsActive()).toBe(pupils);
    expect(fresh.filter((e) => e.data.kind === 'student' && e.data.change === 'created')).toHaveLength(pupils);
    expect(await db.collection('groups').countDocuments({ schoolId: 'school-i' })).toBeGreaterThan(0);
  });

  it('a rerun with nothing changed writes nothing and announces nothing', async () => {
    const { report, fresh } = await sync();
    expect(report.outcome).toBe('succeeded');
    expect(report.userWrites).toBe(0);
    expect(report.eventsPublished).toBe(0);
    expect(fresh).toHaveLength(0);
  });

  it('a day of changes: joiners are created, leavers deactivated (never deleted)', async () => {
    const before = await db.collection('users').countDocuments({ schoolId: 'school-i' });
    const changes = simulator.school.advanceDay();
    const joiners = changes.filter((c) => c.type === 'joiner').map((c) => (c as { schoolId: string }).schoolId);
    const leavers = changes.filter((c) => c.type === 'leaver').map((c) => (c as { schoolId: string }).schoolId);
    const { report, fresh } = await sync();
    expect(report.heldReasons).toEqual([]);
    expect(report.outcome).toBe('succeeded');
    expect(joiners.length + leavers.length).toBeGreaterThan(0);
    const created = fresh
      .filter((e) => e.data.kind === 'student' && e.data.change === 'created')
      .map((e) => e.data.user.isams.studentId);
    const deactivated = fresh
      .filter((e) => e.data.kind === 'student' && e.data.change === 'deactivated')
      .map((e) => e.data.user.isams.studentId);
    expect(created.sort()).toEqual([...joiners].sort());
    expect(deactivated.sort()).toEqual([...leavers].sort());
    expect(await db.collection('users').countDocuments({ schoolId: 'school-i' })).toBeGreaterThanOrEqual(before);
  });

  it('a failed contacts dataset: the run is partial and no parent is removed', async () => {
    const parents = await db.collection('users').countDocuments({ schoolId: 'school-i', kind: 'parent', active: true });
    simulator.school.setFault({ kind: 'connection-reset', datasets: ['contacts'] });
    const { report, fresh } = await sync();
    simulator.school.clearFaults();
    expect(report.outcome).toBe('partial');
    expect(report.datasets.find((d: { dataset: string }) => d.dataset === 'contacts')).toMatchObject({
      status: 'failed',
      stage: 'fetch',
    });
    // recorded with the outcome, for isams_sync_school_dataset_failed_nights
    expect(await db.collection('sync_runs').findOne({ _id: report.runId })).toMatchObject({
      status: 'partial',
      failedDatasets: ['contacts'],
    });
    expect(await db.collection('users').countDocuments({ schoolId: 'school-i', kind: 'parent', active: true })).toBe(
      parents,
    );
    expect(fresh.filter((e) => e.data.kind === 'parent' && e.data.change === 'deactivated')).toHaveLength(0);
  });

  it('a summer roll-over moves every pupil up a year: updates, not new users, and the run is not held', async () => {
    const changes = simulator.school.runScenario('summer-rollover');
    const rollover = changes.find((c) => c.type === 'rollover') as {
      movedUp: number;
      joinerSchoolIds: readonly string[];
    };
    const { report, fresh } = await sync();
    expect(report.outcome).toBe('succeeded');
    const updatedStudents = fresh.filter(
      (e) => e.data.kind === 'student' && ['updated', 'email_changed', 'roles_changed'].includes(e.data.change),
    );
    expect(updatedStudents.length).toBeGreaterThanOrEqual(rollover.movedUp - 1);
    const created = fresh
      .filter((e) => e.data.kind === 'student' && e.data.change === 'created')
      .map((e) => e.data.user.isams.studentId);
    expect(created.sort()).toEqual([...rollover.joinerSchoolIds].sort());
  });

  it('a feed truncated to half the pupils holds the run and removes nobody', async () => {
    const active = await studentsActive();
    simulator.school.runScenario('truncated-pupils');
    const { report } = await sync();
    expect(report.outcome).toBe('held');
    expect(await studentsActive()).toBe(active);
  });

  it('an empty pupils feed holds the run and removes nobody', async () => {
    const active = await studentsActive();
    simulator.school.runScenario('empty-pupils');
    const { report, fresh } = await sync();
    expect(report.outcome).toBe('held');
    expect(report.heldReasons.join(' ')).toMatch(/pupils/);
    expect(await studentsActive()).toBe(active);
    expect(fresh).toHaveLength(0);
  });
});
