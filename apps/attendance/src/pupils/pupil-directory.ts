import { Injectable } from '@nestjs/common';
import { UserRepository } from '@isams-sync/persistence';

/** Who SchoolsBuddy knows: iSAMS SchoolId → SchoolsBuddy student id, for one school. */
export abstract class PupilDirectory {
  /** Undefined while the school has no students at all (before its first import): link nothing, report nothing. */
  abstract studentsOf(schoolId: string, isamsIds: readonly string[]): Promise<ReadonlyMap<string, string> | undefined>;
}

/** The students the importer keeps (read-only: attendance never writes users). */
@Injectable()
export class UsersPupilDirectory extends PupilDirectory {
  constructor(private readonly users: UserRepository) {
    super();
  }

  studentsOf(schoolId: string, isamsIds: readonly string[]): Promise<ReadonlyMap<string, string> | undefined> {
    return this.users.studentUserIds(schoolId, isamsIds);
  }
}
