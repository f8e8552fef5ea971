import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AUTO_INDEX, IndexGuard } from './indexes/index-guard';

/**
 * The MongoDB connection (MongoDB 7+ or FerretDB 1.24). Only features both support: no
 * transactions, no change streams, no TTL or partial indexes; see DESIGN.md "Storage".
 */
@Module({})
export class PersistenceModule {
  /** autoIndex: build indexes at boot (dev, tests); off in production, where only the index check runs. */
  static forRoot(mongoUrl: string, options: { autoIndex: boolean }): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRoot(mongoUrl, {
          serverSelectionTimeoutMS: 5_000,
          // Notice a database that went away or came back within seconds, so readiness follows it.
          heartbeatFrequencyMS: 2_000,
          // Indexes are part of the contract (unique keys make handlers idempotent). Building them from every pod at
          // boot races on a large collection, so production builds them once (a Job) and pods only check.
          autoIndex: options.autoIndex,
        }),
      ],
      providers: [{ provide: AUTO_INDEX, useValue: options.autoIndex }, IndexGuard],
      exports: [MongooseModule],
    };
  }
}
