import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { GroupDoc, GroupSchema, type OutboxEvent, UserDoc, UserSchema } from './directory.schema';

/**
 * The events waiting in users' and groups' outboxes: each was written in the same document write as its change, and
 * stays until the broker confirmed it. The importer's relay is the only reader and the only one that clears them.
 */
@Injectable()
export class OutboxRepository {
  constructor(
    @InjectModel(UserDoc.name) private readonly users: Model<UserDoc>,
    @InjectModel(GroupDoc.name) private readonly groups: Model<GroupDoc>,
  ) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(connection: Connection): OutboxRepository {
    return new OutboxRepository(
      connection.model(UserDoc.name, UserSchema),
      connection.model(GroupDoc.name, GroupSchema),
    );
  }

  /** Documents of the school with events not yet published. */
  async pendingOutbox(
    schoolId: string,
  ): Promise<Array<{ collection: 'users' | 'groups'; id: string; version: number; events: OutboxEvent[] }>> {
    const filter = { schoolId, 'outbox.0': { $exists: true } };
    const [users, groups] = await Promise.all([
      this.users
        .find(filter, { outbox: 1, version: 1 })
        .lean<Array<{ _id: string; version: number; outbox: OutboxEvent[] }>>()
        .exec(),
      this.groups
        .find(filter, { outbox: 1, version: 1 })
        .lean<Array<{ _id: string; version: number; outbox: OutboxEvent[] }>>()
        .exec(),
    ]);
    return [
      ...users.map((u) => ({ collection: 'users' as const, id: u._id, version: u.version, events: u.outbox })),
      ...groups.map((g) => ({ collection: 'groups' as const, id: g._id, version: g.version, events: g.outbox })),
    ];
  }

  /** Users and groups, across schools, whose outbox events are not yet confirmed (the backlog gauge). */
  async pendingOutboxDocuments(): Promise<number> {
    const filter = { 'outbox.0': { $exists: true } };
    const [users, groups] = await Promise.all([
      this.users.countDocuments(filter).exec(),
      this.groups.countDocuments(filter).exec(),
    ]);
    return users + groups;
  }

  /** Schools that have events waiting (for the relay's sweep after a crash). */
  async schoolsWithPendingOutbox(): Promise<string[]> {
    const filter = { 'outbox.0': { $exists: true } };
    const [users, groups] = await Promise.all([
      this.users.distinct('schoolId', filter).exec(),
      this.groups.distinct('schoolId', filter).exec(),
    ]);
    return [...new Set([...users, ...groups].map(String))];
  }

  /**
   * Clears the outboxes whose events were confirmed, only where nothing was written since (same
   * version); otherwise the next relay pass publishes again (consumers dedupe on eventId). One
   * update per distinct version rather than per document: each filtered update is a collection
   * scan on FerretDB.
   */
  async clearOutboxes(
    collection: 'users' | 'groups',
    published: ReadonlyArray<{ id: string; version: number }>,
  ): Promise<void> {
    const byVersion = new Map<number, string[]>();
    for (const { id, version } of published) byVersion.set(version, [...(byVersion.get(version) ?? []), id]);
    for (const [version, ids] of byVersion) {
      const filter = { _id: { $in: ids }, version };
      const update = { $set: { outbox: [] } };
      if (collection === 'users') await this.users.updateMany(filter, update).exec();
      else await this.groups.updateMany(filter, update).exec();
    }
  }
}
