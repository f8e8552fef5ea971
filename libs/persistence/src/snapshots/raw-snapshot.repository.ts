import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { type Connection, type Model, mongo } from 'mongoose';
import { RawSnapshot, RawSnapshotSchema } from './raw-snapshot.schema';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);
const DUPLICATE_KEY = 11000;
const BUCKET = 'raw_snapshot_files';

export interface NewRawSnapshot {
  schoolId: string;
  runId: string;
  dataset: string;
  body: Buffer;
  httpStatus: number;
  durationMs: number;
  fetchedAt?: Date;
}

export type StoredSnapshot = Omit<RawSnapshot, 'gzip'>;

@Injectable()
export class RawSnapshotRepository {
  /** Compressed snapshots above this go to GridFS (well under MongoDB's 16 MB document limit). */
  static inlineLimitBytes = 8 * 1024 * 1024;

  constructor(
    @InjectModel(RawSnapshot.name) private readonly snapshots: Model<RawSnapshot>,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): RawSnapshotRepository {
    return new RawSnapshotRepository(connection.model(RawSnapshot.name, RawSnapshotSchema), connection);
  }

  /**
   * Stores the response unchanged (compressed) once per school, run and dataset. A second call for
   * the same run and dataset (a redelivered request) returns the snapshot stored first.
   */
  async store(input: NewRawSnapshot): Promise<{ snapshot: StoredSnapshot; created: boolean }> {
    const existing = await this.find(input.schoolId, input.runId, input.dataset);
    if (existing) return { snapshot: existing, created: false };

    const sha256 = createHash('sha256').update(input.body).digest('hex');
    const previous = await this.latest(input.schoolId, input.dataset, input.runId);
    const compressed = await gzip(input.body);
    const id = randomUUID();
    const inline = compressed.length <= RawSnapshotRepository.inlineLimitBytes;
    const gridFsId = inline ? undefined : await this.writeGridFs(id, input, compressed);
    const doc: RawSnapshot = {
      _id: id,
      schoolId: input.schoolId,
      runId: input.runId,
      dataset: input.dataset,
      fetchedAt: input.fetchedAt ?? new Date(),
      bytes: input.body.length,
      compressedBytes: compressed.length,
      sha256,
      httpStatus: input.httpStatus,
      durationMs: Math.round(input.durationMs),
      identicalToPrevious: previous?.sha256 === sha256,
      storage: inline ? 'inline' : 'gridfs',
      ...(inline ? { gzip: compressed } : { gridFsId }),
    };
    try {
      await this.snapshots.create(doc);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      if (gridFsId)
        await this.bucket()
          .delete(new mongo.ObjectId(gridFsId))
          .catch(() => undefined);
      const winner = await this.find(input.schoolId, input.runId, input.dataset);
      if (!winner) throw error;
      return { snapshot: winner, created: false };
    }
    const { gzip: _omit, ...stored } = doc;
    return { snapshot: stored, created: true };
  }

  async find(schoolId: string, runId: string, dataset: string): Promise<StoredSnapshot | null> {
    return this.snapshots.findOne({ schoolId, runId, dataset }, { gzip: 0 }).lean<StoredSnapshot>().exec();
  }

  async findById(schoolId: string, snapshotId: string): Promise<StoredSnapshot | null> {
    return this.snapshots.findOne({ schoolId, _id: snapshotId }, { gzip: 0 }).lean<StoredSnapshot>().exec();
  }

  /** The most recent snapshot of a dataset for a school, other than the given run's. */
  async latest(schoolId: string, dataset: string, exceptRunId?: string): Promise<StoredSnapshot | null> {
    const filter = exceptRunId ? { schoolId, dataset, runId: { $ne: exceptRunId } } : { schoolId, dataset };
    return this.snapshots.findOne(filter, { gzip: 0 }).sort({ fetchedAt: -1 }).lean<StoredSnapshot>().exec();
  }

  /** Deletes the raw snapshots of these runs (and their GridFS files); their reports keep sizes and hashes. */
  async pruneRuns(schoolId: string, runIds: readonly string[]): Promise<{ deleted: number }> {
    if (!runIds.length) return { deleted: 0 };
    const docs = await this.snapshots
      .find({ schoolId, runId: { $in: [...runIds] } }, { _id: 1, gridFsId: 1 })
      .lean<Array<{ _id: string; gridFsId?: string }>>()
      .exec();
    // the file first: a snapshot document never points at a file that is gone while it is still listed
    for (const doc of docs)
      if (doc.gridFsId)
        await this.bucket()
          .delete(new mongo.ObjectId(doc.gridFsId))
          .catch(() => undefined);
    if (!docs.length) return { deleted: 0 };
    return {
      deleted: (await this.snapshots.deleteMany({ schoolId, _id: { $in: docs.map((d) => d._id) } }).exec())
        .deletedCount,
    };
  }

  /** The response bytes exactly as received. */
  async loadBody(schoolId: string, snapshotId: string): Promise<Buffer> {
    const doc = await this.snapshots.findOne({ schoolId, _id: snapshotId }).lean<RawSnapshot>().exec();
    if (!doc) throw new Error(`snapshot ${snapshotId} of school ${schoolId} not found`);
    const compressed = doc.storage === 'inline' ? bufferOf(doc.gzip) : await this.readGridFs(doc.gridFsId as string);
    return gunzip(compressed);
  }

  private bucket(): mongo.GridFSBucket {
    return new mongo.GridFSBucket(this.connection.db as unknown as mongo.Db, { bucketName: BUCKET });
  }

  private async writeGridFs(id: string, input: NewRawSnapshot, compressed: Buffer): Promise<string> {
    const upload = this.bucket().openUploadStream(`${input.schoolId}/${input.runId}/${input.dataset}.xml.gz`, {
      metadata: { schoolId: input.schoolId, runId: input.runId, dataset: input.dataset, snapshotId: id },
    });
    await new Promise<void>((resolve, reject) =>
      upload
        .on('error', reject)
        .on('finish', () => resolve())
        .end(compressed),
    );
    return upload.id.toString();
  }

  private async readGridFs(gridFsId: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.bucket().openDownloadStream(new mongo.ObjectId(gridFsId)))
      chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

/** A lean read returns BSON Binary, not Buffer. */
function bufferOf(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof mongo.Binary) return Buffer.from(value.buffer);
  throw new Error('snapshot has no inline body');
}
