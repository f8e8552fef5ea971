import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { insertOnce } from '../insert-once';
import {
  DatasetResult,
  DatasetResultSchema,
  NormalisedRecordDoc,
  NormalisedRecordSchema,
} from './normalised-record.schema';

export interface RecordToStore {
  type: string;
  key: string;
  hash: string;
  record: Record<string, unknown>;
}

export type DatasetOutcome =
  | {
      status: 'normalised';
      snapshotId: string;
      counts: Record<string, number>;
      findings: Array<Record<string, unknown>>;
      sections: string[];
      durationMs: number;
      inputKey?: string;
      /** Set when the records are an earlier run's (same inputKey) rather than stored for this one. */
      recordsRunId?: string;
      /** The key of one of the records, to check by `_id` that they are still stored. */
      probeKey?: string;
      /** Structure only: its year groups, which every pupils mapping needs (a few records; saves a query). */
      yearGroups?: Array<Record<string, unknown>>;
    }
  | { status: 'failed'; stage: 'fetch' | 'transform'; reason: string; fix?: string; snapshotId?: string };

/** Normalised records per run and dataset, written in bulk; storing the same run twice changes nothing. */
@Injectable()
export class NormalisedRecordRepository {
  constructor(
    @InjectModel(NormalisedRecordDoc.name) private readonly records: Model<NormalisedRecordDoc>,
    @InjectModel(DatasetResult.name) private readonly results: Model<DatasetResult>,
  ) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): NormalisedRecordRepository {
    return new NormalisedRecordRepository(
      connection.model(NormalisedRecordDoc.name, NormalisedRecordSchema),
      connection.model(DatasetResult.name, DatasetResultSchema),
    );
  }

  /** Inserts every record once (unordered bulk inserts): a redelivery writes nothing new. */
  async storeRecords(
    schoolId: string,
    runId: string,
    dataset: string,
    records: readonly RecordToStore[],
  ): Promise<{ inserted: number }> {
    return insertOnce(
      this.records,
      records.map((r) => ({
        _id: recordId(schoolId, runId, dataset, r.key),
        schoolId,
        runId,
        dataset,
        type: r.type,
        key: r.key,
        hash: r.hash,
        record: r.record,
      })),
    );
  }

  /** Records the dataset's outcome once; a second call for the same run and dataset keeps the first. */
  async recordOutcome(
    schoolId: string,
    runId: string,
    dataset: string,
    outcome: DatasetOutcome,
  ): Promise<{ created: boolean }> {
    const result = await this.results
      .updateOne(
        { _id: recordId(schoolId, runId, dataset, 'result') },
        { $setOnInsert: { schoolId, runId, dataset, ...outcome } },
        { upsert: true },
      )
      .exec();
    return { created: result.upsertedCount === 1 };
  }

  async outcomes(schoolId: string, runId: string): Promise<DatasetResult[]> {
    const docs = await this.results.find({ schoolId, runId }).lean<DatasetResult[]>().exec();
    // FerretDB 1.24 drops an empty array given in `$setOnInsert` (MongoDB keeps it): restore the shape.
    return docs.map((d) => ({ ...d, counts: d.counts ?? {}, findings: d.findings ?? [], sections: d.sections ?? [] }));
  }

  /**
   * A run's records of one type, or of several types in one query. A dataset whose records were
   * reused from an earlier run (same inputs) is read from that run.
   */
  async recordsOf(
    schoolId: string,
    runId: string,
    type: string | readonly string[],
  ): Promise<Array<Record<string, unknown>>> {
    const sourceOf = new Map((await this.outcomes(schoolId, runId)).map((o) => [o.dataset, o.recordsRunId ?? runId]));
    const runIds = [...new Set([runId, ...sourceOf.values()])];
    const docs = await this.records
      .find(
        {
          schoolId,
          runId: runIds.length === 1 ? runId : { $in: runIds },
          type: typeof type === 'string' ? type : { $in: [...type] },
        },
        { record: 1, runId: 1, dataset: 1 },
      )
      .lean<Array<{ record: Record<string, unknown>; runId: string; dataset: string }>>()
      .exec();
    return docs.filter((d) => (sourceOf.get(d.dataset) ?? runId) === d.runId).map((d) => d.record);
  }

  /**
   * The latest normalised outcome of a dataset with these inputs whose records are still stored:
   * a run with the same inputs can point at them instead of parsing and storing them again.
   */
  async reusable(
    schoolId: string,
    dataset: string,
    inputKey: string,
  ): Promise<(DatasetResult & { recordsRunId: string }) | undefined> {
    const found = await this.results
      .findOne({ schoolId, dataset, inputKey, status: 'normalised' })
      .sort({ createdAt: -1 })
      .lean<DatasetResult>()
      .exec();
    if (!found) return undefined;
    const recordsRunId = found.recordsRunId ?? found.runId;
    // a lookup by `_id` (one row on FerretDB too), not a scan for "any record of that run"
    if (
      found.probeKey !== undefined &&
      !(await this.records.exists({ _id: recordId(schoolId, recordsRunId, dataset, found.probeKey) }).exec())
    )
      return undefined;
    if (found.probeKey === undefined && Object.values(found.counts ?? {}).some((n) => n > 0)) return undefined;
    return {
      ...found,
      counts: found.counts ?? {},
      findings: found.findings ?? [],
      sections: found.sections ?? [],
      recordsRunId,
    };
  }

  /**
   * Deletes the records of the given runs, except the datasets a kept run still reads (its outcome
   * points at them). Outcomes stay: reports keep their counts and findings.
   */
  async pruneRuns(
    schoolId: string,
    pruneRunIds: readonly string[],
    keptRunIds: readonly string[],
  ): Promise<{ deleted: number }> {
    if (!pruneRunIds.length) return { deleted: 0 };
    const kept = await this.results
      .find({ schoolId, runId: { $in: [...keptRunIds] } }, { recordsRunId: 1, dataset: 1 })
      .lean<Array<{ recordsRunId?: string; dataset: string }>>()
      .exec();
    const stillRead = new Map<string, string[]>();
    for (const r of kept)
      if (r.recordsRunId) stillRead.set(r.recordsRunId, [...(stillRead.get(r.recordsRunId) ?? []), r.dataset]);
    const whole = pruneRunIds.filter((id) => !stillRead.has(id));
    let deleted = whole.length
      ? (await this.records.deleteMany({ schoolId, runId: { $in: whole } }).exec()).deletedCount
      : 0;
    for (const runId of pruneRunIds.filter((id) => stillRead.has(id))) {
      deleted += (await this.records.deleteMany({ schoolId, runId, dataset: { $nin: stillRead.get(runId) } }).exec())
        .deletedCount;
    }
    return { deleted };
  }

  /**
   * The year groups of a run's structure (when it is normalised), else of the school's latest
   * normalised structure; empty when it never had one.
   */
  async yearGroupsFor(schoolId: string, runId: string): Promise<Array<Record<string, unknown>>> {
    const own = await this.results
      .findOne({ schoolId, runId, dataset: 'structure', status: 'normalised' })
      .lean<DatasetResult>()
      .exec();
    const result =
      own ??
      (await this.results
        .findOne({ schoolId, dataset: 'structure', status: 'normalised' })
        .sort({ createdAt: -1 })
        .lean<DatasetResult>()
        .exec());
    if (!result) return [];
    return result.yearGroups ?? this.recordsOf(schoolId, result.runId, 'yearGroup');
  }
}

/** Never an iSAMS value as a key: ids are hashes of (school, run, dataset, record key). */
function recordId(schoolId: string, runId: string, dataset: string, key: string): string {
  return createHash('sha256').update(`${schoolId}\u0000${runId}\u0000${dataset}\u0000${key}`).digest('hex');
}
