import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { DatasetResult, DatasetResultSchema, NormalisedRecordDoc, NormalisedRecordSchema } from './normalised-record.schema';

export interface RecordToStore {
  type: string;
  key: string;
  hash: string;
  record: Record<string, unknown>;
}

export type DatasetOutcome =
  | { status: 'normalised'; snapshotId: string; counts: Record<string, number>; findings: Array<Record<string, unknown>>; sections: string[]; durationMs: number }
  | { status: 'failed'; stage: 'fetch' | 'transform'; reason: string; fix?: string; snapshotId?: string };

const BATCH = 1000;

/** Normalised records per run and dataset, written in bulk; storing the same run twice changes nothing. */
@Injectable()
export class NormalisedRecordRepository {
  constructor(
    @InjectModel(NormalisedRecordDoc.name) private readonly records: Model<NormalisedRecordDoc>,
    @InjectModel(DatasetResult.name) private readonly results: Model<DatasetResult>,
  ) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): NormalisedRecordRepository {
    return new NormalisedRecordRepository(connection.model(NormalisedRecordDoc.name, NormalisedRecordSchema), connection.model(DatasetResult.name, DatasetResultSchema));
  }

  /** Upserts every record (unordered bulk writes, `$setOnInsert`): a redelivery writes nothing new. */
  async storeRecords(schoolId: string, runId: string, dataset: string, records: readonly RecordToStore[]): Promise<{ inserted: number }> {
    let inserted = 0;
    for (let i = 0; i < records.length; i += BATCH) {
      const ops = records.slice(i, i + BATCH).map((r) => ({
        updateOne: {
          filter: { _id: recordId(schoolId, runId, dataset, r.key) },
          update: { $setOnInsert: { schoolId, runId, dataset, type: r.type, key: r.key, hash: r.hash, record: r.record } },
          upsert: true,
        },
      }));
      const result = await this.records.bulkWrite(ops, { ordered: false });
      inserted += result.upsertedCount;
    }
    return { inserted };
  }

  /** Records the dataset's outcome once; a second call for the same run and dataset keeps the first. */
  async recordOutcome(schoolId: string, runId: string, dataset: string, outcome: DatasetOutcome): Promise<{ created: boolean }> {
    const result = await this.results
      .updateOne({ _id: recordId(schoolId, runId, dataset, 'result') }, { $setOnInsert: { schoolId, runId, dataset, ...outcome } }, { upsert: true })
      .exec();
    return { created: result.upsertedCount === 1 };
  }

  async outcomes(schoolId: string, runId: string): Promise<DatasetResult[]> {
    const docs = await this.results.find({ schoolId, runId }).lean<DatasetResult[]>().exec();
    // FerretDB 1.24 drops an empty array given in `$setOnInsert` (MongoDB keeps it): restore the shape.
    return docs.map((d) => ({ ...d, counts: d.counts ?? {}, findings: d.findings ?? [], sections: d.sections ?? [] }));
  }

  /** A run's records of one type, or of several types in one query. */
  async recordsOf(schoolId: string, runId: string, type: string | readonly string[]): Promise<Array<Record<string, unknown>>> {
    const docs = await this.records.find({ schoolId, runId, type: typeof type === 'string' ? type : { $in: [...type] } }, { record: 1 }).lean<Array<{ record: Record<string, unknown> }>>().exec();
    return docs.map((d) => d.record);
  }

  async countRecords(schoolId: string, runId: string, dataset?: string): Promise<number> {
    return this.records.countDocuments({ schoolId, runId, ...(dataset ? { dataset } : {}) }).exec();
  }

  /** The most recent normalised records of a type for a school (e.g. its year groups), from any run. */
  async latestOfType(schoolId: string, dataset: string, type: string): Promise<Array<Record<string, unknown>>> {
    const latest = await this.results.findOne({ schoolId, dataset, status: 'normalised' }).sort({ createdAt: -1 }).lean<DatasetResult>().exec();
    return latest ? this.recordsOf(schoolId, latest.runId, type) : [];
  }
}

/** Never an iSAMS value as a key: ids are hashes of (school, run, dataset, record key). */
function recordId(schoolId: string, runId: string, dataset: string, key: string): string {
  return createHash('sha256').update(`${schoolId}\u0000${runId}\u0000${dataset}\u0000${key}`).digest('hex');
}
