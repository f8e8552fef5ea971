import mongoose from 'mongoose';
import { buildEnvelope, datasetNormalisedV1, type DatasetNormalisedV1 } from '@isams-sync/contracts';
import { DATASET_METHODS } from '@isams-sync/isams';
import { DEAD_LETTER_HEADERS } from '@isams-sync/messaging';
import { recordIdentity, transformDocument } from '@isams-sync/normalise';
import { NormalisedRecordRepository, SyncRunRepository, UserRepository } from '@isams-sync/persistence';
import { RetryableError } from '@isams-sync/resilience';
import { generateSchool, renderBatchDocument } from '@isams-sync/simulator';
import {
  BrokerProbe,
  type RunningService,
  registerSimulatedSchool,
  startService,
  testLogger,
  testServiceEnv,
  waitFor,
} from '@isams-sync/testing';
import { loadImporterConfig } from '../src/config/importer.config';
import { ImporterModule } from '../src/importer.module';

/** The importer's last write before publishing (the logins) succeeds, then the process "dies": as a kill would. */
class CrashingAfterWrites extends UserRepository {
  override async syncLogins(schoolId: string, wanted: ReadonlyMap<string, string>): Promise<void> {
    await super.syncLogins(schoolId, wanted);
    throw new RetryableError('crashed after writing, before publishing', { schoolId });
  }
}

const QUEUES = ['importer.dataset-normalised', 'importer.dataset-failed'];
const DATASETS = ['structure', 'staff', 'pupils', 'contacts', 'teaching'] as const;
type Event = { eventId: string; data: { userId?: string; groupId?: string } };

/** The importer alone, fed with stored normalised records, over the real broker and database. */
describe('importer over the real broker and database', () => {
  const school = generateSchool({ seed: 3, pupils: 25 });
  let env: Record<string, string>;
  let importer: RunningService;
  let db: mongoose.Connection;
  let probe: BrokerProbe;
  let listener: Awaited<ReturnType<BrokerProbe['listen']>>;
  let runs: SyncRunRepository;

  beforeAll(async () => {
    env = testServiceEnv('importer', { OUTBOX_SWEEP_MS: '1000', IMPORT_LEASE_MS: '400' });
    importer = await startService(ImporterModule.forRoot(loadImporterConfig(env), testLogger()), env);
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
    probe = await BrokerProbe.connect();
    listener = await probe.listen(importer.messaging.topology.exchange('public'), '#');
    runs = SyncRunRepository.onConnection(db);
  });

  afterAll(async () => {
    await probe.close();
    await db.close();
    await importer.close(QUEUES);
  });

  /** A run whose datasets were fetched and normalised, as the transformer leaves it; returns its last announcement. */
  async function seedRun(schoolId: string): Promise<ReturnType<typeof buildEnvelope<typeof datasetNormalisedV1.data>>> {
    const info = { ...school.info(), accessUrl: 'http://127.0.0.1:9' };
    if (!(await db.collection('schools').findOne({ _id: schoolId as never })))
      await registerSimulatedSchool(db, info, { id: schoolId });
    const { run } = await runs.createOnce({
      schoolId,
      runKey: `test:${Math.random()}`,
      trigger: 'on-demand',
      requestedBy: 'test',
      datasets: [],
      dryRun: false,
      correlationId: 'c',
    });
    await runs.setExpectedDatasets(schoolId, run._id, [...DATASETS]);
    const records = NormalisedRecordRepository.onConnection(db);
    let last: DatasetNormalisedV1 | undefined;
    for (const dataset of DATASETS) {
      const result = transformDocument(dataset, renderBatchDocument(school, DATASET_METHODS[dataset]), {
        today: school.info().today,
      });
      await records.storeRecords(
        schoolId,
        run._id,
        dataset,
        result.records.map((r) => ({
          type: r.type,
          ...recordIdentity(r),
          record: r as unknown as Record<string, unknown>,
        })),
      );
      await records.recordOutcome(schoolId, run._id, dataset, {
        status: 'normalised',
        snapshotId: 'snap',
        counts: result.counts,
        findings: result.findings as never,
        sections: result.sections,
        durationMs: 1,
      });
      last = { runId: run._id, dataset, snapshotId: 'snap', counts: result.counts, findings: {} };
    }
    return buildEnvelope(datasetNormalisedV1, { schoolId, data: last as DatasetNormalisedV1 });
  }

  const reportOf = (runId: string) =>
    waitFor(
      `report of ${runId}`,
      async () => {
        const r = await db.collection('run_reports').findOne({ _id: runId as never });
        return r && typeof r.eventsPublished === 'number' ? r : undefined;
      },
      80_000,
    );

  async function drainEvents(): Promise<Event[]> {
    await listener.drain();
    return listener.messages.splice(0).map((m) => JSON.parse(m.content.toString()) as Event);
  }

  jest.setTimeout(120_000);

  it('applies a settled run once; the same announcement delivered again changes and announces nothing', async () => {
    const message = await seedRun('school-a');
    await importer.messaging.publish('internal', datasetNormalisedV1.routingKey, message);
    const report = await reportOf(message.data.runId);
    expect(report.outcome).toBe('succeeded');
    expect(report.counts.students.created).toBe(25);
    const first = await waitFor('every event', async () => {
      const got = await drainEvents();
      return got.length ? got : undefined;
    });
    const usersBefore = await db.collection('users').find({ schoolId: 'school-a' }).toArray();

    await importer.messaging.publish('internal', datasetNormalisedV1.routingKey, message);
    await waitFor(
      'the duplicate handled',
      async () => (await probe.messageCount(importer.messaging.topology.queue(QUEUES[0]))) === 0,
    );
    await new Promise((r) => setTimeout(r, 300)); // give a wrong second apply the chance to show itself
    expect(await drainEvents()).toHaveLength(0);
    expect(await db.collection('users').find({ schoolId: 'school-a' }).toArray()).toEqual(usersBefore);
    expect(first.length).toBeGreaterThan(25);
  });

  it('keeps normalised records of the latest three runs only, and of an older run a kept run still reads', async () => {
    const applied: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const message = await seedRun('school-p');
      await importer.messaging.publish('internal', datasetNormalisedV1.routingKey, message);
      await reportOf(message.data.runId);
      applied.push(message.data.runId);
    }
    const recordsOf = (runId: string) =>
      db.collection('normalised_records').countDocuments({ schoolId: 'school-p', runId });
    await waitFor('run 1 pruned after the fourth run', async () => (await recordsOf(applied[0])) === 0); // pruning follows the report
    for (const runId of applied.slice(1)) expect(await recordsOf(runId)).toBeGreaterThan(0);
    expect(await db.collection('run_reports').countDocuments({ schoolId: 'school-p' })).toBe(4); // reports stay

    // run 2 is about to fall out of the latest three, but a new run points at its staff records: they stay
    const pointing = await seedRun('school-p');
    await db
      .collection('dataset_results')
      .updateOne(
        { schoolId: 'school-p', runId: pointing.data.runId, dataset: 'staff' },
        { $set: { recordsRunId: applied[1] } },
      );
    await db
      .collection('normalised_records')
      .deleteMany({ schoolId: 'school-p', runId: pointing.data.runId, dataset: 'staff' });
    await importer.messaging.publish('internal', datasetNormalisedV1.routingKey, pointing);
    const report = await reportOf(pointing.data.runId);
    expect(report.outcome).toBe('succeeded');
    expect(report.counts.staff.unchanged).toBeGreaterThan(0); // staff read from run 2, so nobody left
    expect(
      await db
        .collection('normalised_records')
        .countDocuments({ schoolId: 'school-p', runId: applied[1], dataset: 'staff' }),
    ).toBeGreaterThan(0);
    await waitFor(
      'run 2 pruned but for its staff',
      async () =>
        (await db
          .collection('normalised_records')
          .countDocuments({ schoolId: 'school-p', runId: applied[1], dataset: 'pupils' })) === 0,
    );
    expect(
      await db
        .collection('normalised_records')
        .countDocuments({ schoolId: 'school-p', runId: applied[1], dataset: 'staff' }),
    ).toBeGreaterThan(0);
  });

  it('dead-letters an announcement that breaks the contract, with the reason', async () => {
    const message = await seedRun('school-b');
    await probe.publishRaw(
      importer.messaging.topology.exchange('internal'),
      datasetNormalisedV1.routingKey,
      JSON.stringify({ ...message, data: { ...message.data, counts: 'many' } }),
    );
    const dead = await probe.take(importer.messaging.topology.deadLetterQueue(QUEUES[0]));
    expect(String(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason])).toContain('data.counts');
    expect(await db.collection('users').countDocuments({ schoolId: 'school-b' })).toBe(0);
  });

  it('an importer killed between writing and publishing: a consumer deduping on eventId still sees every change exactly once', async () => {
    await importer.app.close(); // the healthy importer steps aside
    const crashEnv = { ...env, OUTBOX_SWEEP_MS: '3600000' };
    const crashing = await startService(
      ImporterModule.forRoot(loadImporterConfig(crashEnv), testLogger()),
      crashEnv,
      testLogger(),
      [{ provide: UserRepository, useClass: CrashingAfterWrites }],
    );
    const message = await seedRun('school-c');
    await crashing.messaging.publish('internal', datasetNormalisedV1.routingKey, message);
    // the crash comes right after the last write: the message then waits in the retry queue
    await waitFor(
      'the crash after writing',
      async () => (await probe.messageCount(crashing.messaging.topology.retryQueue(QUEUES[0]))) === 1,
      60_000,
    );
    const written = await db.collection('users').find({ schoolId: 'school-c' }).toArray();
    expect(written.every((u) => u.outbox.length === 1)).toBe(true); // each change recorded with its write, none published
    await crashing.app.close(); // killed

    importer = await startService(ImporterModule.forRoot(loadImporterConfig(env), testLogger()), env);
    const expected = new Set(written.map((u) => u.outbox[0].eventId as string));
    const seen = new Map<string, number>();
    await waitFor(
      'every change announced',
      async () => {
        for (const e of await drainEvents())
          if (e.data.userId && (e as { schoolId?: string }).schoolId === 'school-c')
            seen.set(e.eventId, (seen.get(e.eventId) ?? 0) + 1);
        return [...expected].every((id) => seen.has(id)) ? true : undefined;
      },
      30_000,
    );
    expect(new Set(seen.keys())).toEqual(expected);
    await waitFor(
      'outboxes empty',
      async () =>
        (await db.collection('users').countDocuments({ schoolId: 'school-c', 'outbox.0': { $exists: true } })) === 0,
    );
    await reportOf(message.data.runId); // the retried message finished the run once the lease passed
  });
});
