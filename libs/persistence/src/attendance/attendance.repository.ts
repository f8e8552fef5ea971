import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { type AttendanceSession, type AttendanceStatus, deterministicId } from '@isams-sync/contracts';
import {
  AttendanceMarkDoc,
  AttendanceMarkSchema,
  AttendancePullDoc,
  AttendancePullSchema,
} from './attendance-mark.schema';

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
  eventsConfirmed?: boolean;
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
   * Claims a pull slot. Exactly one caller wins a new slot, and exactly one wins a take-over of a
   * slot whose last attempt's replica died (lease over) or failed with its retry due: each is the
   * insert of the next attempt under a unique key. (FerretDB does not make a conditional
   * findAndModify atomic against a concurrent one; a unique index it does.)
   */
  async claimPull(
    request: ClaimRequest,
    now: Date = new Date(),
  ): Promise<{ claimed: boolean; pull: StoredPull | null }> {
    const { schoolId, date, session, slot, owner, correlationId, leaseMs, maxAttempts } = request;
    const last = await this.findPull(request);
    if (last) {
      const ownerGone = last.status === 'running' && last.leaseUntil.getTime() <= now.getTime();
      const retryDue =
        last.status === 'failed' &&
        last.retryAt !== undefined &&
        last.retryAt.getTime() <= now.getTime() &&
        last.attempt < maxAttempts;
      if (!ownerGone && !retryDue) return { claimed: false, pull: last };
    }
    const attempt = (last?.attempt ?? 0) + 1;
    try {
      const created = await this.pulls.create({
        _id: randomUUID(),
        schoolId,
        date,
        session,
        slot,
        attempt,
        status: 'running',
        leaseUntil: new Date(now.getTime() + leaseMs),
        owner,
        correlationId,
        findings: [],
      });
      return { claimed: true, pull: created.toObject() };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      return { claimed: false, pull: await this.findPull(request) };
    }
  }

  /** The latest attempt at a slot. */
  async findPull(key: PullSlotKey): Promise<StoredPull | null> {
    const { schoolId, date, session, slot } = key;
    return this.pulls.findOne({ schoolId, date, session, slot }).sort({ attempt: -1 }).lean<StoredPull>().exec();
  }

  async finishPull(schoolId: string, pullId: string, outcome: PullOutcome): Promise<void> {
    const { retryAt, ...rest } = outcome;
    await this.pulls
      .updateOne(
        { schoolId, _id: pullId },
        { $set: { ...rest, finishedAt: new Date(), ...(retryAt ? { retryAt } : {}) } },
      )
      .exec();
  }

  /** Finished pulls since `since`, across schools, newest first (the per-school failing-pulls gauge). */
  async finishedPullsSince(since: Date): Promise<Array<Pick<StoredPull, 'schoolId' | 'status'>>> {
    return this.pulls
      .find({ createdAt: { $gte: since }, status: { $in: ['succeeded', 'failed'] } }, { schoolId: 1, status: 1 })
      .sort({ createdAt: -1 })
      .lean<Array<Pick<StoredPull, 'schoolId' | 'status'>>>()
      .exec();
  }

  async pullsOf(schoolId: string, date: string): Promise<StoredPull[]> {
    return this.pulls.find({ schoolId, date }).sort({ createdAt: 1, attempt: 1 }).lean<StoredPull[]>().exec();
  }

  /** The current mark of every pupil (the highest version), by session then SchoolId. */
  async marksOf(schoolId: string, date: string, session?: AttendanceSession): Promise<StoredMark[]> {
    const docs = await this.marks
      .find({ schoolId, date, ...(session ? { session } : {}) })
      .lean<StoredMark[]>()
      .exec();
    return currentVersions(docs);
  }

  /**
   * Stores each changed mark as a new version with its event id, then deletes the versions it
   * replaced. A version another pull inserted meanwhile is left as it is (unique key).
   */
  async saveChangedMarks(
    schoolId: string,
    date: string,
    session: AttendanceSession,
    pullId: string,
    changed: readonly MarkToStore[],
    superseded: readonly string[] = [],
  ): Promise<void> {
    if (changed.length > 0) {
      const now = new Date();
      const docs = changed.map((mark) => {
        const doc: Record<string, unknown> = {
          _id: markId(schoolId, date, session, mark.isamsId, mark.version),
          schoolId,
          date,
          session,
          pullId,
          isamsId: mark.isamsId,
          status: mark.status,
          code: mark.code,
          registrationPeriodId: mark.registrationPeriodId,
          version: mark.version,
          createdAt: now,
          updatedAt: now,
        };
        for (const name of OPTIONAL_FIELDS) if (mark[name] !== undefined) doc[name] = mark[name];
        if (mark.eventId !== undefined) doc.eventId = mark.eventId;
        return doc;
      });
      for (let i = 0; i < docs.length; i += 1000) {
        try {
          await this.marks.collection.insertMany(docs.slice(i, i + 1000) as never[], { ordered: false });
        } catch (error) {
          if (!onlyDuplicates(error)) throw error;
        }
      }
    }
    for (let i = 0; i < superseded.length; i += 1000) {
      await this.marks.deleteMany({ schoolId, date, session, _id: { $in: superseded.slice(i, i + 1000) } }).exec();
    }
  }

  /** The current marks with an event that these pulls wrote: what they must (re)publish. */
  async marksToPublish(
    schoolId: string,
    date: string,
    session: AttendanceSession,
    pullIds: readonly string[],
  ): Promise<StoredMark[]> {
    if (pullIds.length === 0) return [];
    const current = await this.marksOf(schoolId, date, session);
    const pulls = new Set(pullIds);
    return current.filter((mark) => mark.eventId !== undefined && pulls.has(mark.pullId));
  }

  /** Earlier pulls of this session whose events may not all have been confirmed (they failed, or their replica died). */
  async unconfirmedPulls(
    schoolId: string,
    date: string,
    session: AttendanceSession,
    now: Date = new Date(),
  ): Promise<string[]> {
    const pulls = await this.pulls
      .find(
        {
          schoolId,
          date,
          session,
          eventsConfirmed: { $ne: true },
          $or: [{ status: 'failed' }, { status: 'running', leaseUntil: { $lte: now } }],
        },
        { _id: 1 },
      )
      .lean<Array<{ _id: string }>>()
      .exec();
    return pulls.map((p) => p._id);
  }

  /** Deletes a school's marks and pulls dated before `date` (YYYY-MM-DD): the scheduled expiry FerretDB's lack of TTL indexes calls for. */
  async deleteBefore(schoolId: string, date: string): Promise<{ marks: number; pulls: number }> {
    const marks = await this.marks.deleteMany({ schoolId, date: { $lt: date } }).exec();
    const pulls = await this.pulls.deleteMany({ schoolId, date: { $lt: date } }).exec();
    return { marks: marks.deletedCount, pulls: pulls.deletedCount };
  }

  async confirmEvents(schoolId: string, pullIds: readonly string[]): Promise<void> {
    if (pullIds.length > 0)
      await this.pulls.updateMany({ schoolId, _id: { $in: [...pullIds] } }, { $set: { eventsConfirmed: true } }).exec();
  }
}

/** The highest version of each pupil's mark per session (a leftover older version is ignored). */
function currentVersions(docs: StoredMark[]): StoredMark[] {
  const latest = new Map<string, StoredMark>();
  for (const doc of docs) {
    const key = `${doc.session}\u0000${doc.isamsId}`;
    const known = latest.get(key);
    if (!known || doc.version > known.version) latest.set(key, doc);
  }
  return [...latest.values()].sort((a, b) =>
    a.session === b.session
      ? a.isamsId < b.isamsId
        ? -1
        : a.isamsId > b.isamsId
          ? 1
          : 0
      : a.session < b.session
        ? -1
        : 1,
  );
}

/** True when an unordered insert failed only on duplicate keys (another pull stored that version). */
function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: Array<{ code: number }> | { code: number } }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every((e) => e.code === DUPLICATE_KEY);
}

/** A mark's document id: a hash of its identity, never an iSAMS value as such. */
export function markId(
  schoolId: string,
  date: string,
  session: AttendanceSession,
  isamsId: string,
  version: number,
): string {
  return deterministicId('attendance-mark', schoolId, date, session, isamsId, version);
}
