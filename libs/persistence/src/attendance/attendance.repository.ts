import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Connection, Model } from 'mongoose';
import { type AttendanceSession, type AttendanceStatus, deterministicId } from '@isams-sync/contracts';
import { AttendanceMarkDoc, AttendanceMarkSchema, AttendancePullDoc, AttendancePullSchema } from './attendance-mark.schema';

const DUPLICATE_KEY = 11000;

export interface PullSlotKey {
  schoolId: string;
  date: string;
  session: AttendanceSession;
  /** `schedule` for the timed pull, `request:<eventId>` on demand */
  slot: string;
}

export interface ClaimRequest extends PullSlotKey {
  owner: string;
  correlationId: string;
  leaseMs: number;
  /** a failed pull is claimed again (after its retryAt) until it has had this many attempts */
  maxAttempts: number;
}

export interface MarkToStore {
  isamsId: string;
  studentId?: string;
  status: AttendanceStatus;
  code: string;
  codeName?: string;
  minutesLate?: number;
  lastUpdated?: string;
  registrationPeriodId: string;
  previousStatus?: AttendanceStatus;
  /** how many times this mark changed (1 for the first mark); part of the event id */
  version: number;
  /** the event that tells the world about this mark; none for a mark that is not published (unknown pupil) */
  eventId?: string;
}

export interface PullOutcome {
  status: 'succeeded' | 'failed';
  counts?: Record<string, number>;
  eventsPublished?: number;
  findings?: Array<Record<string, unknown>>;
  error?: string;
  fix?: string;
  /** failed and retryable: may be claimed again from then */
  retryAt?: Date;
}

export type StoredMark = AttendanceMarkDoc;
export type StoredPull = AttendancePullDoc;

const OPTIONAL_FIELDS = ['studentId', 'codeName', 'minutesLate', 'lastUpdated', 'previousStatus'] as const;

/** Attendance marks and pull slots. Every query is scoped by school. */
@Injectable()
export class AttendanceRepository {
  constructor(
    @InjectModel(AttendanceMarkDoc.name) private readonly marks: Model<AttendanceMarkDoc>,
    @InjectModel(AttendancePullDoc.name) private readonly pulls: Model<AttendancePullDoc>,
  ) {}

  /** For code without Nest (the CLI, the benchmark). */
  static onConnection(connection: Connection): AttendanceRepository {
    return new AttendanceRepository(
      connection.model(AttendanceMarkDoc.name, AttendanceMarkSchema),
      connection.model(AttendancePullDoc.name, AttendancePullSchema),
    );
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.marks.init(), this.pulls.init()]);
  }

  /**
   * Claims a pull slot. Exactly one caller wins a new slot (unique index); a slot whose owner died
   * (lease over) or whose retryable failure is due may be taken over, again by exactly one caller
   * (a single-document conditional update).
   */
  async claimPull(request: ClaimRequest, now: Date = new Date()): Promise<{ claimed: boolean; pull: StoredPull | null }> {
    const { schoolId, date, session, slot, owner, correlationId, leaseMs, maxAttempts } = request;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      const created = await this.pulls.create({ _id: randomUUID(), schoolId, date, session, slot, status: 'running', leaseUntil, attempts: 1, owner, correlationId, findings: [] });
      return { claimed: true, pull: created.toObject() };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const takenOver = await this.pulls
      .findOneAndUpdate(
        {
          schoolId,
          date,
          session,
          slot,
          $or: [
            { status: 'running', leaseUntil: { $lte: now } },
            { status: 'failed', retryAt: { $lte: now }, attempts: { $lt: maxAttempts } },
          ],
        },
        { $set: { status: 'running', leaseUntil, owner, correlationId }, $inc: { attempts: 1 }, $unset: { retryAt: 1, error: 1, fix: 1 } },
        { new: true },
      )
      .lean<StoredPull>()
      .exec();
    if (takenOver) return { claimed: true, pull: takenOver };
    return { claimed: false, pull: await this.findPull(request) };
  }

  async findPull(key: PullSlotKey): Promise<StoredPull | null> {
    const { schoolId, date, session, slot } = key;
    return this.pulls.findOne({ schoolId, date, session, slot }).lean<StoredPull>().exec();
  }

  async finishPull(schoolId: string, pullId: string, outcome: PullOutcome): Promise<void> {
    const { retryAt, ...rest } = outcome;
    await this.pulls
      .updateOne({ schoolId, _id: pullId }, { $set: { ...rest, finishedAt: new Date(), ...(retryAt ? { retryAt } : {}) } })
      .exec();
  }

  async pullsOf(schoolId: string, date: string): Promise<StoredPull[]> {
    return this.pulls.find({ schoolId, date }).sort({ createdAt: 1 }).lean<StoredPull[]>().exec();
  }

  async marksOf(schoolId: string, date: string, session?: AttendanceSession): Promise<StoredMark[]> {
    return this.marks
      .find({ schoolId, date, ...(session ? { session } : {}) })
      .sort({ session: 1, isamsId: 1 })
      .lean<StoredMark[]>()
      .exec();
  }

  /**
   * Writes changed marks, each with its pending event (the outbox). Marks seen for the first time
   * go in with one insert (the common case: a session's first pull); changed ones are updated one
   * by one in a bulk write. A first mark another pull inserted meanwhile falls back to an update.
   */
  async saveChangedMarks(schoolId: string, date: string, session: AttendanceSession, pullId: string, changed: readonly MarkToStore[]): Promise<void> {
    if (changed.length === 0) return;
    const toDoc = (mark: MarkToStore) => {
      const { eventId, ...fields } = mark;
      const doc: Record<string, unknown> = { _id: markId(schoolId, date, session, mark.isamsId), schoolId, date, session, pullId, isamsId: fields.isamsId, status: fields.status, code: fields.code, registrationPeriodId: fields.registrationPeriodId, version: fields.version };
      for (const name of OPTIONAL_FIELDS) if (fields[name] !== undefined) doc[name] = fields[name];
      if (eventId !== undefined) doc.pendingEventId = eventId;
      return doc;
    };
    const fresh = changed.filter((m) => m.version === 1);
    const updates = changed.filter((m) => m.version !== 1);
    if (fresh.length > 0) {
      const now = new Date();
      try {
        await this.marks.collection.insertMany(fresh.map((m) => ({ ...toDoc(m), createdAt: now, updatedAt: now }) as never), { ordered: false });
      } catch (error) {
        const failed = insertFailures(error);
        if (!failed) throw error;
        updates.push(...failed.map((index) => fresh[index]));
      }
    }
    const ops: AnyBulkWriteOperation<AttendanceMarkDoc>[] = updates.map((mark) => {
      const { _id, ...set } = toDoc(mark);
      const unset: Record<string, 1> = {};
      for (const name of [...OPTIONAL_FIELDS, 'pendingEventId'] as const) if (set[name] === undefined) unset[name] = 1;
      return { updateOne: { filter: { _id: _id as string, schoolId }, update: { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, upsert: true } };
    });
    for (let i = 0; i < ops.length; i += 1000) await this.marks.bulkWrite(ops.slice(i, i + 1000), { ordered: false });
  }

  /** Marks whose event has not been confirmed yet (this pull's, and any a crashed pull left behind). */
  async pendingMarks(schoolId: string, date: string, session: AttendanceSession): Promise<StoredMark[]> {
    return this.marks.find({ schoolId, date, session, pendingEventId: { $exists: true } }).sort({ isamsId: 1 }).lean<StoredMark[]>().exec();
  }

  /** Clears the outbox entries of these events (a mark changed again meanwhile has a newer event and keeps it). */
  async markPublished(schoolId: string, date: string, session: AttendanceSession, eventIds: readonly string[]): Promise<void> {
    for (let i = 0; i < eventIds.length; i += 1000) {
      await this.marks.updateMany({ schoolId, date, session, pendingEventId: { $in: eventIds.slice(i, i + 1000) } }, { $unset: { pendingEventId: 1 } }).exec();
    }
  }
}

/** Indexes of documents an unordered insert refused as duplicates; undefined when it failed otherwise. */
function insertFailures(error: unknown): number[] | undefined {
  const writeErrors = (error as { writeErrors?: Array<{ index: number; code: number }> | { index: number; code: number } }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY)) return undefined;
  return list.map((e) => e.index);
}

/** A mark's document id: a hash of its identity, never an iSAMS value as such. */
export function markId(schoolId: string, date: string, session: AttendanceSession, isamsId: string): string {
  return deterministicId('attendance-mark', schoolId, date, session, isamsId);
}
