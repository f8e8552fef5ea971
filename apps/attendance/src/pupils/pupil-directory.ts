import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/** Who SchoolsBuddy knows: iSAMS SchoolId → SchoolsBuddy student id, for one school. */
export abstract class PupilDirectory {
  /** Undefined while the school has no students at all (before its first import): link nothing, report nothing. */
  abstract studentsOf(schoolId: string, isamsIds: readonly string[]): Promise<ReadonlyMap<string, string> | undefined>;
}

/**
 * The students the importer keeps, read from its `users` collection as documents
 * `{ _id, schoolId, type: 'student', isamsId }`. Read-only: attendance never writes users.
 */
@Injectable()
export class UsersPupilDirectory extends PupilDirectory {
  static readonly COLLECTION = 'users';

  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  async studentsOf(schoolId: string, isamsIds: readonly string[]): Promise<ReadonlyMap<string, string> | undefined> {
    const users = this.connection.collection(UsersPupilDirectory.COLLECTION);
    const any = await users.findOne({ schoolId, type: 'student' }, { projection: { _id: 1 } });
    if (!any) return undefined;
    const found = new Map<string, string>();
    for (let i = 0; i < isamsIds.length; i += 1000) {
      const batch = isamsIds.slice(i, i + 1000);
      const docs = await users.find({ schoolId, type: 'student', isamsId: { $in: batch } }, { projection: { _id: 1, isamsId: 1 } }).toArray();
      for (const doc of docs) found.set(String(doc.isamsId), String(doc._id));
    }
    return found;
  }
}
