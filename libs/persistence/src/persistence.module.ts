import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

/**
 * The MongoDB connection (MongoDB 7+ or FerretDB 1.24). Only features both support: no
 * transactions, no change streams, no TTL or partial indexes; see DESIGN.md "Storage".
 */
@Module({})
export class PersistenceModule {
  static forRoot(mongoUrl: string): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRoot(mongoUrl, {
          serverSelectionTimeoutMS: 5_000,
          // Notice a database that went away or came back within seconds, so readiness follows it.
          heartbeatFrequencyMS: 2_000,
          // Indexes are part of the contract (unique keys make handlers idempotent): build them at boot.
          autoIndex: true,
        }),
      ],
      exports: [MongooseModule],
    };
  }
}
