import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation, Connection, Model } from 'mongoose';
import { insertOnce } from '../insert-once';
import { batches, CHANGE_BATCH } from './directory-ids';
import { GroupDoc, GroupSchema, type OutboxEvent } from './directory.schema';

export type StoredGroup = GroupDoc;

export type GroupWrite =
  | { op: 'create'; groupId: string; fields: Record<string, unknown>; event?: OutboxEvent }
  | { op: 'change'; groupId: string; expectedVersion: number; set: Record<string, unknown>; event: OutboxEvent };

/** A school's groups (year groups, forms, houses, sets) with their members. Each write records its event in the group's outbox. */
@Injectable()
export class GroupRepository {
  constructor(@InjectModel(GroupDoc.name) private readonly groups: Model<GroupDoc>) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): GroupRepository {
    return new GroupRepository(connection.model(GroupDoc.name, GroupSchema));
  }

  async groupsOf(schoolId: string): Promise<StoredGroup[]> {
    return this.groups.find({ schoolId }).lean<StoredGroup[]>().exec();
  }

  async writeGroups(schoolId: string, writes: readonly GroupWrite[]): Promise<{ written: number }> {
    const creates = writes.flatMap((w) =>
      w.op === 'create'
        ? [{ ...w.fields, _id: w.groupId, schoolId, version: 1, outbox: w.event ? [w.event] : [] }]
        : [],
    );
    let written = (await insertOnce(this.groups, creates)).inserted;
    const changes = writes.filter((w) => w.op === 'change');
    for (const batch of batches(changes, CHANGE_BATCH)) {
      const ops: AnyBulkWriteOperation<GroupDoc>[] = batch.map((w) => ({
        updateOne: {
          filter: { _id: w.groupId, version: w.expectedVersion },
          update: { $set: { ...w.set, version: w.expectedVersion + 1 }, $push: { outbox: w.event } },
        },
      }));
      written += (await this.groups.bulkWrite(ops, { ordered: false })).modifiedCount;
    }
    return { written };
  }
}
