import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation, Connection, Model } from 'mongoose';
import { insertOnce } from '../insert-once';
import { batches, CHANGE_BATCH, directoryId } from './directory-ids';
import { type OutboxEvent, UserDoc, UserLogin, UserLoginSchema, UserSchema } from './directory.schema';

export type StoredUser = Omit<UserDoc, 'outbox'> & Record<string, unknown> & { outbox: OutboxEvent[] };

/** One user write: a create (insert once), or a change guarded by the version it was planned against. */
export type UserWrite =
  | { op: 'create'; userId: string; fields: Record<string, unknown>; event: OutboxEvent }
  | {
      op: 'change';
      userId: string;
      expectedVersion: number;
      set: Record<string, unknown>;
      unset: string[];
      event: OutboxEvent;
    };

/** A school's users and their logins. Each user write records its event in the user's outbox (OutboxRepository publishes it). */
@Injectable()
export class UserRepository {
  constructor(
    @InjectModel(UserDoc.name) private readonly users: Model<UserDoc>,
    @InjectModel(UserLogin.name) private readonly logins: Model<UserLogin>,
  ) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): UserRepository {
    return new UserRepository(
      connection.model(UserDoc.name, UserSchema),
      connection.model(UserLogin.name, UserLoginSchema),
    );
  }

  async usersOf(schoolId: string): Promise<StoredUser[]> {
    return this.users.find({ schoolId }).lean<StoredUser[]>().exec();
  }

  /**
   * iSAMS SchoolId → SchoolsBuddy user id for the school's students (for attendance). Undefined while
   * the school has no students at all (before its first import).
   */
  async studentUserIds(
    schoolId: string,
    isamsIds: readonly string[],
  ): Promise<ReadonlyMap<string, string> | undefined> {
    if (!(await this.users.exists({ schoolId, kind: 'student' }).exec())) return undefined;
    const found = new Map<string, string>();
    for (let i = 0; i < isamsIds.length; i += 1000) {
      const docs = await this.users
        .find(
          { schoolId, kind: 'student', 'isams.studentId': { $in: isamsIds.slice(i, i + 1000) } },
          { _id: 1, isams: 1 },
        )
        .lean<Array<{ _id: string; isams?: { studentId?: string } }>>()
        .exec();
      for (const doc of docs) if (doc.isams?.studentId) found.set(doc.isams.studentId, doc._id);
    }
    return found;
  }

  /**
   * Applies user writes in unordered bulk batches. Each write changes one document and appends
   * its event to that document's outbox in the same operation. A write whose version moved on
   * (already applied) matches nothing and changes nothing.
   */
  async writeUsers(schoolId: string, writes: readonly UserWrite[]): Promise<{ written: number }> {
    const creates = writes.flatMap((w) =>
      w.op === 'create' ? [{ ...w.fields, _id: w.userId, schoolId, version: 1, outbox: [w.event] }] : [],
    );
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

  /** Makes the school's logins exactly `wanted` (email → userId): removes the rest, inserts what is new. */
  async syncLogins(schoolId: string, wanted: ReadonlyMap<string, string>): Promise<void> {
    const stored = await this.logins.find({ schoolId }).lean<UserLogin[]>().exec();
    const stale = stored.filter((l) => wanted.get(l.email) !== l.userId).map((l) => l._id);
    if (stale.length) await this.logins.deleteMany({ schoolId, _id: { $in: stale } }).exec();
    const have = new Set(stored.filter((l) => wanted.get(l.email) === l.userId).map((l) => l.email));
    const add = [...wanted].filter(([email]) => !have.has(email));
    await insertOnce(
      this.logins,
      add.map(([email, userId]) => ({ _id: directoryId(schoolId, `login:${email}`), schoolId, email, userId })),
    );
  }
}
