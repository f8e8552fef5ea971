import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { RawSnapshot, RawSnapshotRepository, RawSnapshotSchema } from '@isams-sync/persistence';
import { uniqueMongoUrl } from '@isams-sync/testing';

describe('RawSnapshotRepository on the real MongoDB-compatible server', () => {
  let connection: mongoose.Connection;
  let repo: RawSnapshotRepository;
  const inlineLimit = RawSnapshotRepository.inlineLimitBytes;

  beforeAll(async () => {
    connection = await mongoose.createConnection(uniqueMongoUrl('snapshots')).asPromise();
    const model = connection.model(RawSnapshot.name, RawSnapshotSchema);
    await model.syncIndexes();
    repo = new RawSnapshotRepository(model, connection);
  });

  afterAll(async () => {
    RawSnapshotRepository.inlineLimitBytes = inlineLimit;
    await connection.dropDatabase();
    await connection.close();
  });

  const xml = (n: number) =>
    Buffer.from(
      `<?xml version="1.0" encoding="utf-16"?><iSAMS><PupilManager><CurrentPupils>${'<Pupil Id="1"><Forename>Zoë</Forename></Pupil>'.repeat(n)}</CurrentPupils></PupilManager></iSAMS>`,
    );

  it('stores the body unchanged and compressed, with its metadata', async () => {
    const body = xml(500);
    const { snapshot, created } = await repo.store({
      schoolId: 's1',
      runId: 'r1',
      dataset: 'pupils',
      body,
      httpStatus: 200,
      durationMs: 12.7,
    });
    expect(created).toBe(true);
    expect(snapshot).toMatchObject({
      schoolId: 's1',
      runId: 'r1',
      dataset: 'pupils',
      bytes: body.length,
      httpStatus: 200,
      durationMs: 13,
      storage: 'inline',
      identicalToPrevious: false,
    });
    expect(snapshot.compressedBytes).toBeLessThan(body.length / 5);
    expect(snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await repo.loadBody('s1', snapshot._id)).equals(body)).toBe(true);
  });

  it('marks a snapshot identical to the previous one of the same dataset', async () => {
    const { snapshot } = await repo.store({
      schoolId: 's1',
      runId: 'r2',
      dataset: 'pupils',
      body: xml(500),
      httpStatus: 200,
      durationMs: 5,
    });
    expect(snapshot.identicalToPrevious).toBe(true);
    const changed = await repo.store({
      schoolId: 's1',
      runId: 'r3',
      dataset: 'pupils',
      body: xml(501),
      httpStatus: 200,
      durationMs: 5,
    });
    expect(changed.snapshot.identicalToPrevious).toBe(false);
    // another school's identical bytes are not "previous" for this one
    const other = await repo.store({
      schoolId: 's2',
      runId: 'r1',
      dataset: 'pupils',
      body: xml(501),
      httpStatus: 200,
      durationMs: 5,
    });
    expect(other.snapshot.identicalToPrevious).toBe(false);
  });

  it('keeps one snapshot per school, run and dataset, even when two stores race', async () => {
    const body = xml(10);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        repo.store({ schoolId: 's3', runId: 'r1', dataset: 'staff', body, httpStatus: 200, durationMs: 1 }),
      ),
    );
    expect(new Set(results.map((r) => r.snapshot._id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await connection.collection('raw_snapshots').countDocuments({ schoolId: 's3' })).toBe(1);
  });

  it('puts a large snapshot in GridFS and reads it back byte for byte', async () => {
    RawSnapshotRepository.inlineLimitBytes = 1024;
    const body = randomBytes(200_000); // incompressible, so it stays large
    const { snapshot } = await repo.store({
      schoolId: 's4',
      runId: 'r1',
      dataset: 'photos',
      body,
      httpStatus: 200,
      durationMs: 1,
    });
    expect(snapshot.storage).toBe('gridfs');
    expect((await repo.loadBody('s4', snapshot._id)).equals(body)).toBe(true);
    const file = await connection.collection('raw_snapshot_files.files').findOne({ 'metadata.schoolId': 's4' });
    expect(file).toBeTruthy();
  });

  it('prunes the snapshots of given runs, GridFS files included, and leaves other runs and schools alone', async () => {
    RawSnapshotRepository.inlineLimitBytes = 1024;
    const big = await repo.store({
      schoolId: 's5',
      runId: 'old',
      dataset: 'photos',
      body: randomBytes(50_000),
      httpStatus: 200,
      durationMs: 1,
    });
    RawSnapshotRepository.inlineLimitBytes = inlineLimit;
    await repo.store({ schoolId: 's5', runId: 'old', dataset: 'pupils', body: xml(5), httpStatus: 200, durationMs: 1 });
    const kept = await repo.store({
      schoolId: 's5',
      runId: 'new',
      dataset: 'pupils',
      body: xml(6),
      httpStatus: 200,
      durationMs: 1,
    });
    await repo.store({ schoolId: 's6', runId: 'old', dataset: 'pupils', body: xml(5), httpStatus: 200, durationMs: 1 });
    expect(big.snapshot.storage).toBe('gridfs');

    expect(await repo.pruneRuns('s5', ['old'])).toEqual({ deleted: 2 });
    expect(await connection.collection('raw_snapshots').countDocuments({ schoolId: 's5', runId: 'old' })).toBe(0);
    expect(await connection.collection('raw_snapshot_files.files').countDocuments({ 'metadata.schoolId': 's5' })).toBe(
      0,
    );
    expect(
      await connection
        .collection('raw_snapshot_files.chunks')
        .countDocuments({ files_id: new mongoose.mongo.ObjectId(big.snapshot.gridFsId) }),
    ).toBe(0);
    expect((await repo.loadBody('s5', kept.snapshot._id)).equals(xml(6))).toBe(true);
    expect(await connection.collection('raw_snapshots').countDocuments({ schoolId: 's6' })).toBe(1);
    expect(await repo.pruneRuns('s5', [])).toEqual({ deleted: 0 });
  });
});
