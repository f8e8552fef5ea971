import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { StartupRefusedError } from '@isams-sync/config';
import { ensureIndexes, indexName, missingUniqueIndexes } from './required-indexes';

export const AUTO_INDEX = Symbol('AUTO_INDEX');

/**
 * Runs before any consumer starts (module init comes before application bootstrap). With auto-indexing on (dev and
 * tests) it builds every index first, one collection at a time; with it off (production, where a Job runs `isams-sync db
 * ensure-indexes` before a rollout) it refuses to start while a unique index the app's models rely on is missing.
 */
@Injectable()
export class IndexGuard implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(AUTO_INDEX) private readonly autoIndex: boolean,
  ) {}

  async onModuleInit(): Promise<void> {
    const models = Object.values(this.connection.models) as Model<unknown>[];
    if (this.autoIndex) {
      // one collection at a time: FerretDB's SQLite backend has been seen to stall on many at once
      await ensureIndexes(models);
      return;
    }
    const missing = await missingUniqueIndexes(this.connection, models);
    if (missing.length === 0) return;
    const names = missing.map((index) => `${index.collection}.${indexName(index.key)}`).join(', ');
    throw new StartupRefusedError(
      `missing unique index${missing.length > 1 ? 'es' : ''} ${names} (database ${this.connection.name}): ` +
        `run 'isams-sync db ensure-indexes' against this database (the k8s Job ensure-indexes does), then start again`,
    );
  }
}
