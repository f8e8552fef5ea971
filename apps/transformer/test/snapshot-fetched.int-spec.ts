import mongoose from 'mongoose';
import { buildEnvelope, snapshotFetchedV1, ROUTING } from '@isams-sync/contracts';
import { DATASET_METHODS } from '@isams-sync/isams';
import { DEAD_LETTER_HEADERS } from '@isams-sync/messaging';
import {
  NormalisedRecordRepository,
  RawSnapshot,
  RawSnapshotRepository,
  RawSnapshotSchema,
} from '@isams-sync/persistence';
import { generateSchool, renderBatchDocument } from '@isams-sync/simulator';
import {
  BrokerProbe,
  type RunningService,
  startService,
  testLogger,
  testServiceEnv,
  waitFor,
} from '@isams-sync/testing';
import { loadTransformerConfig } from '../src/config/transformer.config';
import { TransformerModule } from '../src/transformer.module';

const QUEUE = 'transformer.snapshot-fetched';

describe('transformer: snapshot.fetched.v1 → normalised records, over the real broker and database', () => {
  let service: RunningService;
  let probe: BrokerProbe;
  let db: mongoose.Connection;
  let snapshots: RawSnapshotRepository;
  let announcements: Awaited<ReturnType<BrokerProbe['listen']>>;
  const school = generateSchool({ seed: 7, pupils: 40 });

  beforeAll(async () => {
    const env = testServiceEnv('transformer');
    service = await startService(TransformerModule.forRoot(loadTransformerConfig(env), testLogger()), env);
    probe = await BrokerProbe.connect();
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
    snapshots = new RawSnapshotRepository(db.model(RawSnapshot.name, RawSnapshotSchema), db);
    announcements = await probe.listen(service.messaging.topology.exchange('internal'), 'dataset.*.v1');
  });

  afterAll(async () => {
    await db.close();
    await probe.close();
    await service.close([QUEUE]);
  });

  async function fetched(
    runId: string,
    dataset: 'pupils' | 'staff' | 'structure',
    body: Buffer,
    schoolDate = '2026-11-28',
  ) {
    const { snapshot } = await snapshots.store({
      schoolId: 'school-t',
      runId,
      dataset,
      body,
      httpStatus: 200,
      durationMs: 3,
    });
    return buildEnvelope(snapshotFetchedV1, {
      schoolId: 'school-t',
      data: {
        runId,
        dataset,
        snapshotId: snapshot._id,
        sha256: snapshot.sha256,
        bytes: snapshot.bytes,
        identicalToPrevious: false,
        schoolDate,
      },
    });
  }
  const document = (dataset: 'pupils' | 'staff' | 'structure') =>
    Buffer.from(renderBatchDocument(school, DATASET_METHODS[dataset]));

  it('stores every record of the dataset and announces dataset.normalised.v1 with counts, acking the message', async () => {
    await service.messaging.publish(
      'internal',
      ROUTING.snapshotFetched,
      await fetched('run-1', 'structure', document('structure')),
    );
    await waitFor('structure normalised', async () => {
      await announcements.drain();
      return announcements.messages.some((m) => JSON.parse(m.content.toString()).data.dataset === 'structure');
    });
    await service.messaging.publish(
      'internal',
      ROUTING.snapshotFetched,
      await fetched('run-1', 'pupils', document('pupils')),
    );
    const [done] = await waitFor('pupils normalised', async () => {
      await announcements.drain();
      const hits = announcements.messages.filter(
        (m) =>
          m.fields.routingKey === ROUTING.datasetNormalised &&
          JSON.parse(m.content.toString()).data.dataset === 'pupils',
      );
      return hits.length ? hits : undefined;
    });
    const body = JSON.parse(done.content.toString());
    expect(body.data.counts).toEqual({ student: 40 });
    const students = await db
      .collection('normalised_records')
      .find({ schoolId: 'school-t', runId: 'run-1', type: 'student' })
      .toArray();
    expect(students).toHaveLength(40);
    const truth = school.pupils()[0];
    const stored = students.find((s) => s.record.isamsId === truth.schoolId);
    expect(stored?.record).toMatchObject({ type: 'student', isamsId: truth.schoolId, surname: truth.surname.trim() });
    expect(stored?.record.yearGroup).toBeDefined(); // structure of the same run gave the display name
    await waitFor(
      'queue drained',
      async () => (await probe.messageCount(service.messaging.topology.queue(QUEUE))) === 0,
    );
  });

  it('changes nothing when the same message is delivered again, and re-announces with the same event id', async () => {
    const message = await fetched('run-2', 'staff', document('staff'));
    await service.messaging.publish('internal', ROUTING.snapshotFetched, message);
    await waitFor('first announcement', async () => {
      await announcements.drain();
      return announcements.messages.some((m) => JSON.parse(m.content.toString()).data.runId === 'run-2');
    });
    const before = await db.collection('normalised_records').countDocuments({ runId: 'run-2' });
    await service.messaging.publish('internal', ROUTING.snapshotFetched, message);
    const twice = await waitFor('second announcement', async () => {
      await announcements.drain();
      const hits = announcements.messages.filter((m) => JSON.parse(m.content.toString()).data.runId === 'run-2');
      return hits.length === 2 ? hits : undefined;
    });
    expect(new Set(twice.map((m) => JSON.parse(m.content.toString()).eventId)).size).toBe(1);
    expect(await db.collection('normalised_records').countDocuments({ runId: 'run-2' })).toBe(before);
    expect(await db.collection('dataset_results').countDocuments({ runId: 'run-2' })).toBe(1);
  });

  describe('an unchanged document is not parsed or stored again: the run points at the earlier records', () => {
    const outcomeOf = async (runId: string, dataset: string) =>
      db.collection('dataset_results').findOne({ schoolId: 'school-t', runId, dataset });
    const normalise = async (
      runId: string,
      dataset: 'pupils' | 'staff' | 'structure',
      body: Buffer,
      schoolDate?: string,
    ) => {
      await service.messaging.publish(
        'internal',
        ROUTING.snapshotFetched,
        await fetched(runId, dataset, body, schoolDate),
      );
      return waitFor(`${runId} ${dataset} normalised`, async () => (await outcomeOf(runId, dataset)) ?? undefined);
    };

    it('same structure and pupils documents as run-1 → no records stored for the run, the same records read for it', async () => {
      const structure = await normalise('run-5', 'structure', document('structure'));
      const pupils = await normalise('run-5', 'pupils', document('pupils'));
      expect(structure).toMatchObject({ status: 'normalised', recordsRunId: 'run-1' });
      expect(pupils).toMatchObject({ status: 'normalised', recordsRunId: 'run-1', counts: { student: 40 } });
      expect(pupils?.inputKey).toMatch(/^[0-9a-f]{64}$/);
      expect(await db.collection('normalised_records').countDocuments({ runId: 'run-5' })).toBe(0);
      const records = NormalisedRecordRepository.onConnection(db);
      const now = await records.recordsOf('school-t', 'run-5', ['student', 'yearGroup']);
      const then = await records.recordsOf('school-t', 'run-1', ['student', 'yearGroup']);
      expect(now).toHaveLength(then.length);
      expect(new Set(now.map((r) => JSON.stringify(r)))).toEqual(new Set(then.map((r) => JSON.stringify(r))));
    });

    it('the same pupils document with renamed year groups is mapped again (the display names are inputs)', async () => {
      const renamed = Buffer.from(
        document('structure')
          .toString('utf8')
          .replace(/<Name>(\d\d)<\/Name>/g, '<Name>Form $1</Name>'),
      );
      const structure = await normalise('run-6', 'structure', renamed);
      expect(structure?.recordsRunId).toBeUndefined();
      const pupils = await normalise('run-6', 'pupils', document('pupils'));
      expect(pupils?.recordsRunId).toBeUndefined();
      const students = await db.collection('normalised_records').find({ runId: 'run-6', type: 'student' }).toArray();
      expect(students).toHaveLength(40);
      expect(students.some((s) => String(s.record.yearGroup).startsWith('Form '))).toBe(true);
    });

    it('records of the earlier run since deleted (pruned) → the document is parsed and stored again', async () => {
      const renamed = Buffer.from(
        document('structure')
          .toString('utf8')
          .replace(/<Name>(\d\d)<\/Name>/g, '<Name>Form $1</Name>'),
      );
      expect((await normalise('run-9', 'structure', renamed))?.recordsRunId).toBe('run-6');
      await db.collection('normalised_records').deleteMany({ runId: 'run-6', dataset: 'pupils' });
      const pupils = await normalise('run-9', 'pupils', document('pupils'));
      expect(pupils?.recordsRunId).toBeUndefined();
      expect(await db.collection('normalised_records').countDocuments({ runId: 'run-9', type: 'student' })).toBe(40);
    });

    it('the same staff document on another school date is mapped again (leaving dates are read against it)', async () => {
      const same = await normalise('run-7', 'staff', document('staff'));
      expect(same?.recordsRunId).toBe('run-2');
      const nextDay = await normalise('run-8', 'staff', document('staff'), '2026-11-29');
      expect(nextDay?.recordsRunId).toBeUndefined();
      expect(await db.collection('normalised_records').countDocuments({ runId: 'run-8' })).toBeGreaterThan(0);
    });
  });

  it('records a truncated document as a failed dataset and announces dataset.failed.v1, storing no records', async () => {
    const whole = document('pupils');
    await service.messaging.publish(
      'internal',
      ROUTING.snapshotFetched,
      await fetched('run-3', 'pupils', whole.subarray(0, Math.floor(whole.length / 2))),
    );
    const failed = await waitFor('dataset.failed', async () => {
      await announcements.drain();
      return announcements.messages.find(
        (m) => m.fields.routingKey === ROUTING.datasetFailed && JSON.parse(m.content.toString()).data.runId === 'run-3',
      );
    });
    expect(JSON.parse(failed.content.toString()).data).toMatchObject({ dataset: 'pupils', stage: 'transform' });
    expect(await db.collection('normalised_records').countDocuments({ runId: 'run-3' })).toBe(0);
  });

  it('dead-letters a message for an unknown dataset with the reason', async () => {
    const message = await fetched('run-4', 'staff', document('staff'));
    await service.messaging.publish('internal', ROUTING.snapshotFetched, {
      ...message,
      data: { ...message.data, dataset: 'timetable' },
    });
    const dead = await probe.take(service.messaging.topology.deadLetterQueue(QUEUE));
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason]).toBe("unknown dataset 'timetable'");
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.runId]).toBe('run-4');
  });
});
