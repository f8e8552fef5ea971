import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import type { AnyBulkWriteOperation, Connection, Model } from 'mongoose';
import { insertOnce } from '../insert-once';
import { GroupDoc, GroupSchema, type OutboxEvent, RunPlanChunk, RunPlanChunkSchema, RunReportDoc, RunReportSchema, UserDoc, UserLogin, UserLoginSchema, UserSchema } from './directory.schema';

export type StoredUser = Omit<UserDoc, 'outbox'> & Record<string, unknown> & { outbox: OutboxEvent[] };
export type StoredGroup = GroupDoc;

/** One user write: a create (insert once), or a change guarded by the version it was planned against. */
export type UserWrite =
  | { op: 'create'; userId: string; fields: Record<string, unknown>; event: OutboxEvent }
  | { op: 'change'; userId: string; expectedVersion: number; set: Record<string, unknown>; unset: string[]; event: OutboxEvent };

export type GroupWrite =
  | { op: 'create'; groupId: string; fields: Record<string, unknown>; event?: OutboxEvent }
  | { op: 'change'; groupId: string; expectedVersion: number; set: Record<string, unknown>; event: OutboxEvent };

/**
 * Version-guarded updates per bulk call. Unpatched FerretDB 1.24 holds a pooled connection per
 * update until the whole bulk ends and hangs past ~50 (scripts/ferretdb/sqlite-id-lookups.patch
 * fixes that in the build we run); small bulks keep a stock FerretDB working too.
 */
const CHANGE_BATCH = 10;
/** Plan entries per stored chunk: ~150 bytes each, well under a document's 16 MB. */
const PLAN_CHUNK_ENTRIES = 2000;

function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

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
  return plan && typeof plan.fingerprint === 'string' && typeof plan.chunks === 'number' ? (plan as StoredPlanRef) : undefined;
}

export function directoryId(schoolId: string, key: string): string {
  return createHash('sha256').update(`${schoolId}\u0000${key}`).digest('hex').slice(0, 32);
}

/** Users, their logins, groups and run reports. Every query is scoped by school. */
@Injectable()
export class DirectoryRepository {
  constructor(
    @InjectModel(UserDoc.name) private readonly users: Model<UserDoc>,
    @InjectModel(UserLogin.name) private readonly logins: Model<UserLogin>,
    @InjectModel(GroupDoc.name) private readonly groups: Model<GroupDoc>,
    @InjectModel(RunReportDoc.name) private readonly reports: Model<RunReportDoc>,
    @InjectModel(RunPlanChunk.name) private readonly plans: Model<RunPlanChunk>,
  ) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): DirectoryRepository {
    return new DirectoryRepository(
      connection.model(UserDoc.name, UserSchema),
      connection.model(UserLogin.name, UserLoginSchema),
      connection.model(GroupDoc.name, GroupSchema),
      connection.model(RunReportDoc.name, RunReportSchema),
      connection.model(RunPlanChunk.name, RunPlanChunkSchema),
    );
  }

  async usersOf(schoolId: string): Promise<StoredUser[]> {
    return this.users.find({ schoolId }).lean<StoredUser[]>().exec();
  }

  /**
   * iSAMS SchoolId → SchoolsBuddy user id for the school's students (for attendance). Undefined while
   * the school has no students at all (before its first import).
   */
  async studentUserIds(schoolId: string, isamsIds: readonly string[]): Promise<ReadonlyMap<string, string> | undefined> {
    if (!(await this.users.exists({ schoolId, kind: 'student' }).exec())) return undefined;
    const found = new Map<string, string>();
    for (let i = 0; i < isamsIds.length; i += 1000) {
      const docs = await this.users
        .find({ schoolId, kind: 'student', 'isams.studentId': { $in: isamsIds.slice(i, i + 1000) } }, { _id: 1, isams: 1 })
        .lean<Array<{ _id: string; isams?: { studentId?: string } }>>()
        .exec();
      for (const doc of docs) if (doc.isams?.studentId) found.set(doc.isams.studentId, doc._id);
    }
    return found;
  }

  async groupsOf(schoolId: string): Promise<StoredGroup[]> {
    return this.groups.find({ schoolId }).lean<StoredGroup[]>().exec();
  }

  /**
   * Applies user writes in unordered bulk batches. Each write changes one document and appends
   * its event to that document's outbox in the same operation. A write whose version moved on
   * (already applied) matches nothing and changes nothing.
   */
  async writeUsers(schoolId: string, writes: readonly UserWrite[]): Promise<{ written: number }> {
    const creates = writes.flatMap((w) => (w.op === 'create' ? [{ ...w.fields, _id: w.userId, schoolId, version: 1, outbox: [w.event] }] : []));
    let written = (await insertOnce(this.users, creates)).inserted;
    const changes = writes.filter((w) => w.op === 'change');
    for (const batch of batches(changes, CHANGE_BATCH)) {
      const ops: AnyBulkWriteOperation<UserDoc>[] = batch.map((w) => ({
        updateOne: {
          filter: { _id: w.userId, version: w.expectedVersion },
          update: {
            $set: { ...w.set, version: w.expectedVersion + 1 },
            ...(w.unset.length ? { $unset: Object.fromEntries(w.unset.map((f) => [f, ''])) } : {}),
            $push: { outbox: w.event },
          },
        },
      }));
      written += (await this.users.bulkWrite(ops, { ordered: false })).modifiedCount;
    }
    return { written };
  }

  async writeGroups(schoolId: string, writes: readonly GroupWrite[]): Promise<{ written: number }> {
    const creates = writes.flatMap((w) => (w.op === 'create' ? [{ ...w.fields, _id: w.groupId, schoolId, version: 1, outbox: w.event ? [w.event] : [] }] : []));
    let written = (await insertOnce(this.groups, creates)).inserted;
    const changes = writes.filter((w) => w.op === 'change');
    for (const batch of batches(changes, CHANGE_BATCH)) {
      const ops: AnyBulkWriteOperation<GroupDoc>[] = batch.map((w) => ({
        updateOne: { filter: { _id: w.groupId, version: w.expectedVersion }, update: { $set: { ...w.set, version: w.expectedVersion + 1 }, $push: { outbox: w.event } } },
      }));
      written += (await this.groups.bulkWrite(ops, { ordered: false })).modifiedCount;
    }
    return { written };
  }

  /** Makes the school's logins exactly `wanted` (email → userId): removes the rest, inserts what is new. */
  async syncLogins(schoolId: string, wanted: ReadonlyMap<string, string>): Promise<void> {
    const stored = await this.logins.find({ schoolId }).lean<UserLogin[]>().exec();
    const stale = stored.filter((l) => wanted.get(l.email) !== l.userId).map((l) => l._id);
    if (stale.length) await this.logins.deleteMany({ schoolId, _id: { $in: stale } }).exec();
    const have = new Set(stored.filter((l) => wanted.get(l.email) === l.userId).map((l) => l.email));
    const add = [...wanted].filter(([email]) => !have.has(email));
    await insertOnce(this.logins, add.map(([email, userId]) => ({ _id: directoryId(schoolId, `login:${email}`), schoolId, email, userId })));
  }

  /** Documents of the school with events not yet published. */
  async pendingOutbox(schoolId: string): Promise<Array<{ collection: 'users' | 'groups'; id: string; version: number; events: OutboxEvent[] }>> {
    const filter = { schoolId, 'outbox.0': { $exists: true } };
    const [users, groups] = await Promise.all([
      this.users.find(filter, { outbox: 1, version: 1 }).lean<Array<{ _id: string; version: number; outbox: OutboxEvent[] }>>().exec(),
      this.groups.find(filter, { outbox: 1, version: 1 }).lean<Array<{ _id: string; version: number; outbox: OutboxEvent[] }>>().exec(),
    ]);
    return [
      ...users.map((u) => ({ collection: 'users' as const, id: u._id, version: u.version, events: u.outbox })),
      ...groups.map((g) => ({ collection: 'groups' as const, id: g._id, version: g.version, events: g.outbox })),
    ];
  }

  /** Users and groups, across schools, whose outbox events are not yet confirmed (the backlog gauge). */
  async pendingOutboxDocuments(): Promise<number> {
    const filter = { 'outbox.0': { $exists: true } };
    const [users, groups] = await Promise.all([this.users.countDocuments(filter).exec(), this.groups.countDocuments(filter).exec()]);
    return users + groups;
  }

  /** Schools that have events waiting (for the relay's sweep after a crash). */
  async schoolsWithPendingOutbox(): Promise<string[]> {
    const filter = { 'outbox.0': { $exists: true } };
    const [users, groups] = await Promise.all([this.users.distinct('schoolId', filter).exec(), this.groups.distinct('schoolId', filter).exec()]);
    return [...new Set([...users, ...groups].map(String))];
  }

  /**
   * Clears the outboxes whose events were confirmed, only where nothing was written since (same
   * version); otherwise the next relay pass publishes again (consumers dedupe on eventId). One
   * update per distinct version rather than per document: each filtered update is a collection
   * scan on FerretDB.
   */
  async clearOutboxes(collection: 'users' | 'groups', published: ReadonlyArray<{ id: string; version: number }>): Promise<void> {
    const byVersion = new Map<number, string[]>();
    for (const { id, version } of published) byVersion.set(version, [...(byVersion.get(version) ?? []), id]);
    for (const [version, ids] of byVersion) {
      const filter = { _id: { $in: ids }, version };
      const update = { $set: { outbox: [] } };
      if (collection === 'users') await this.users.updateMany(filter, update).exec();
      else await this.groups.updateMany(filter, update).exec();
    }
  }

  /**
   * Stores a run's plan listing in chunks whose ids carry its fingerprint (a run planned again, on
   * approval, stores its new plan beside the old); returns what the report keeps to read it back.
   */
  async savePlan(schoolId: string, runId: string, fingerprint: string, entries: ReadonlyArray<Record<string, unknown>>): Promise<StoredPlanRef> {
    const chunks = [...batches(entries, PLAN_CHUNK_ENTRIES)].map((part, index) => ({ _id: planChunkId(schoolId, runId, fingerprint, index), schoolId, runId, fingerprint, index, entries: part }));
    await insertOnce(this.plans, chunks);
    return { fingerprint, entries: entries.length, chunks: chunks.length };
  }

  /** Deletes the stored plans of these runs (their reports keep the counts). */
  async prunePlans(schoolId: string, runIds: readonly string[]): Promise<{ deleted: number }> {
    if (!runIds.length) return { deleted: 0 };
    return { deleted: (await this.plans.deleteMany({ schoolId, runId: { $in: [...runIds] } }).exec()).deletedCount };
  }

  /** A stored plan's entries in order (reads each chunk by `_id`); undefined once the plan was pruned. */
  async plan(schoolId: string, runId: string, { fingerprint, chunks }: StoredPlanRef): Promise<Array<Record<string, unknown>> | undefined> {
    const entries: Array<Record<string, unknown>> = [];
    for (let index = 0; index < chunks; index += 1) {
      const chunk = await this.plans.findById(planChunkId(schoolId, runId, fingerprint, index)).lean<RunPlanChunk>().exec();
      if (!chunk) return undefined;
      entries.push(...chunk.entries);
    }
    return entries;
  }

  async saveReport(schoolId: string, runId: string, report: Record<string, unknown>): Promise<void> {
    await this.reports.updateOne({ _id: runId, schoolId }, { $set: { ...report, schoolId, runId } }, { upsert: true }).exec();
  }

  async report(schoolId: string, runId?: string): Promise<Record<string, unknown> | null> {
    const query = runId ? this.reports.findOne({ schoolId, _id: runId }) : this.reports.findOne({ schoolId }).sort({ createdAt: -1 });
    return query.lean<Record<string, unknown>>().exec();
  }

  /** The last report whose plan was applied (for "shrank sharply against the last applied run"). */
  async lastApplied(schoolId: string, exceptRunId: string): Promise<Record<string, unknown> | null> {
    return this.reports
      .findOne({ schoolId, runId: { $ne: exceptRunId }, outcome: { $in: ['succeeded', 'partial'] } })
      .sort({ createdAt: -1 })
      .lean<Record<string, unknown>>()
      .exec();
  }
}
