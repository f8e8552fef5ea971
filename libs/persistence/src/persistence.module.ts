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
          // Indexes are part of the contract (unique keys make handlers idempotent). Mongoose would build them for
          // every model at once in the background; IndexGuard builds them one collection at a time before consuming
          // instead (dev, tests), or in production, where a Job builds them once, only checks they are there.
          autoIndex: false,
          autoCreate: false,
        }),
      ],
      providers: [{ provide: AUTO_INDEX, useValue: options.autoIndex }, IndexGuard],
      exports: [MongooseModule],
    };
  }
}
