import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { insertOnce } from '../insert-once';
import { batches, directoryId } from './directory-ids';
import { RunPlanChunk, RunPlanChunkSchema } from './directory.schema';

/** Plan entries per stored chunk: ~150 bytes each, well under a document's 16 MB. */
const PLAN_CHUNK_ENTRIES = 2000;

function planChunkId(schoolId: string, runId: string, fingerprint: string, index: number): string {
  return directoryId(schoolId, `plan:${runId}:${fingerprint}:${index}`);
}

/** Where a run's stored plan is: what a report keeps under `plan`. */
export interface StoredPlanRef {
  fingerprint: string;
  entries: number;
  chunks: number;
}

/** The plan reference of a stored report, if it has one. */
export function storedPlanRef(report: Record<string, unknown> | null | undefined): StoredPlanRef | undefined {
  const plan = report?.plan as Partial<StoredPlanRef> | undefined;
  return plan && typeof plan.fingerprint === 'string' && typeof plan.chunks === 'number'
    ? (plan as StoredPlanRef)
    : undefined;
}

/** Each run's plan, one entry per change, as the run's report refers to it (kept for the latest runs only). */
@Injectable()
export class RunPlanRepository {
  constructor(@InjectModel(RunPlanChunk.name) private readonly plans: Model<RunPlanChunk>) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): RunPlanRepository {
    return new RunPlanRepository(connection.model(RunPlanChunk.name, RunPlanChunkSchema));
  }

  /**
   * Stores a run's plan listing in chunks whose ids carry its fingerprint (a run planned again, on
   * approval, stores its new plan beside the old); returns what the report keeps to read it back.
   */
  async savePlan(
    schoolId: string,
    runId: string,
    fingerprint: string,
    entries: ReadonlyArray<Record<string, unknown>>,
  ): Promise<StoredPlanRef> {
    const chunks = [...batches(entries, PLAN_CHUNK_ENTRIES)].map((part, index) => ({
      _id: planChunkId(schoolId, runId, fingerprint, index),
      schoolId,
      runId,
      fingerprint,
      index,
      entries: part,
    }));
    await insertOnce(this.plans, chunks);
    return { fingerprint, entries: entries.length, chunks: chunks.length };
  }

  /** Deletes the stored plans of these runs (their reports keep the counts). */
  async prunePlans(schoolId: string, runIds: readonly string[]): Promise<{ deleted: number }> {
    if (!runIds.length) return { deleted: 0 };
    return { deleted: (await this.plans.deleteMany({ schoolId, runId: { $in: [...runIds] } }).exec()).deletedCount };
  }

  /** A stored plan's entries in order (reads each chunk by `_id`); undefined once the plan was pruned. */
  async plan(
    schoolId: string,
    runId: string,
    { fingerprint, chunks }: StoredPlanRef,
  ): Promise<Array<Record<string, unknown>> | undefined> {
    const entries: Array<Record<string, unknown>> = [];
    for (let index = 0; index < chunks; index += 1) {
      const chunk = await this.plans
        .findById(planChunkId(schoolId, runId, fingerprint, index))
        .lean<RunPlanChunk>()
        .exec();
      if (!chunk) return undefined;
      entries.push(...chunk.entries);
    }
    return entries;
  }
}
