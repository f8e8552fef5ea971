import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import {
  type DatasetFetchProgress,
  FINAL_RUN_STATUSES,
  RunClaim,
  RunClaimSchema,
  SyncRun,
  SyncRunSchema,
  type SyncRunStatus,
  type SyncTrigger,
} from './sync-run.schema';

export interface NewSyncRun {
  schoolId: string;
  runKey: string;
  trigger: SyncTrigger;
  requestedBy: string;
  datasets: string[];
  dryRun: boolean;
  correlationId: string;
  schoolDate?: string;
}

const DUPLICATE_KEY = 11000;

@Injectable()
export class SyncRunRepository {
  constructor(
    @InjectModel(SyncRun.name) private readonly runs: Model<SyncRun>,
    @InjectModel(RunClaim.name) private readonly claims: Model<RunClaim>,
  ) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): SyncRunRepository {
    return new SyncRunRepository(
      connection.model(SyncRun.name, SyncRunSchema),
      connection.model(RunClaim.name, RunClaimSchema),
    );
  }

  /**
   * Creates the run unless one with the same key exists. Two replicas racing both call this;
   * the unique index lets exactly one insert win and the other gets the winner back.
   */
  async createOnce(run: NewSyncRun): Promise<{ run: SyncRun; created: boolean }> {
    try {
      const doc = await this.runs.create({ _id: randomUUID(), status: 'requested', ...run });
      return { run: doc.toObject(), created: true };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const existing = await this.runs.findOne({ schoolId: run.schoolId, runKey: run.runKey }).lean<SyncRun>().exec();
      if (!existing) throw error;
      return { run: existing, created: false };
    }
  }

  async recordFetch(schoolId: string, runId: string, dataset: string, progress: DatasetFetchProgress): Promise<void> {
    await this.runs.updateOne({ schoolId, _id: runId }, { $set: { [`fetch.${dataset}`]: progress } }).exec();
  }

  async setExpectedDatasets(schoolId: string, runId: string, datasets: string[]): Promise<void> {
    await this.runs.updateOne({ schoolId, _id: runId }, { $set: { expectedDatasets: datasets } }).exec();
  }

  /**
   * Takes the run for import: exactly one importer wins (a unique insert per take), and a take left
   * by an importer that died expires after the lease. `allow` lets an approval take a held run.
   */
  async claimForImport(
    schoolId: string,
    runId: string,
    leaseMs: number,
    allow: readonly SyncRunStatus[] = [],
  ): Promise<SyncRun | null> {
    const now = new Date();
    const run = await this.findById(schoolId, runId);
    if (!run) return null;
    const open = !FINAL_RUN_STATUSES.includes(run.status) && run.status !== 'importing';
    const expired = run.status === 'importing' && (run.importLeaseUntil?.getTime() ?? 0) < now.getTime();
    if (!open && !expired && !allow.includes(run.status)) return null;
    const generation = (run.importGeneration ?? 0) + 1;
    try {
      await this.claims.create({ _id: `${schoolId}:${runId}:${generation}`, schoolId, runId, generation, at: now });
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return null;
      throw error;
    }
    const importLeaseUntil = new Date(now.getTime() + leaseMs);
    await this.runs
      .updateOne(
        { schoolId, _id: runId },
        { $set: { status: 'importing', importLeaseUntil, importGeneration: generation } },
      )
      .exec();
    return { ...run, status: 'importing', importLeaseUntil, importGeneration: generation };
  }

  async setStatus(schoolId: string, runId: string, status: SyncRunStatus): Promise<void> {
    await this.runs.updateOne({ schoolId, _id: runId }, { $set: { status } }).exec();
  }

  /** The importer's outcome of a run, with the datasets that failed (fetch or transform). */
  async setOutcome(
    schoolId: string,
    runId: string,
    status: SyncRunStatus,
    failedDatasets: readonly string[],
  ): Promise<void> {
    await this.runs
      .updateOne({ schoolId, _id: runId }, { $set: { status, failedDatasets: [...failedDatasets] } })
      .exec();
  }

  /** Moves the run on only if it is not already decided (a late fetch must not undo an import's outcome). */
  async advanceStatus(schoolId: string, runId: string, status: SyncRunStatus): Promise<void> {
    await this.runs
      .updateOne({ schoolId, _id: runId, status: { $nin: [...FINAL_RUN_STATUSES, 'importing'] } }, { $set: { status } })
      .exec();
  }

  async findById(schoolId: string, runId: string): Promise<SyncRun | null> {
    return this.runs.findOne({ schoolId, _id: runId }).lean<SyncRun>().exec();
  }

  /** The run a request created (`request:<eventId>`), once the fetcher has created it. */
  async findByRunKey(schoolId: string, runKey: string): Promise<SyncRun | null> {
    return this.runs.findOne({ schoolId, runKey }).lean<SyncRun>().exec();
  }

  async listForSchool(schoolId: string, limit = 20): Promise<SyncRun[]> {
    return this.runs.find({ schoolId }).sort({ createdAt: -1 }).limit(limit).lean<SyncRun[]>().exec();
  }

  /**
   * Runs created since `since`, and held runs of any age, newest first, without their plans or
   * leases: what the per-school gauges and `isams-sync runs list` read. FerretDB 1.24 has no
   * $max/$first in $group, so the latest per school is picked in code from this one read.
   */
  async recentAndHeld(since: Date, schoolId?: string): Promise<SyncRun[]> {
    const filter = { ...(schoolId ? { schoolId } : {}), $or: [{ createdAt: { $gte: since } }, { status: 'held' }] };
    return this.runs.find(filter).sort({ createdAt: -1 }).lean<SyncRun[]>().exec();
  }

  /** Runs across schools (or of one), newest first, optionally only in the given statuses. */
  async listRuns(options: {
    statuses?: readonly SyncRunStatus[];
    schoolId?: string;
    limit: number;
  }): Promise<SyncRun[]> {
    const filter = {
      ...(options.schoolId ? { schoolId: options.schoolId } : {}),
      ...(options.statuses?.length ? { status: { $in: [...options.statuses] } } : {}),
    };
    return this.runs.find(filter).sort({ createdAt: -1 }).limit(options.limit).lean<SyncRun[]>().exec();
  }

  /** The school's latest run (any status), or null. */
  async latestOf(schoolId: string): Promise<SyncRun | null> {
    return this.runs.findOne({ schoolId }).sort({ createdAt: -1 }).lean<SyncRun>().exec();
  }

  /** The school's latest run that succeeded, however old (for schools with none in the recent window). */
  async lastSucceeded(schoolId: string): Promise<SyncRun | null> {
    return this.runs.findOne({ schoolId, status: 'succeeded' }).sort({ updatedAt: -1 }).lean<SyncRun>().exec();
  }
}
