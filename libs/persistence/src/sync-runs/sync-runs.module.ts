import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RunClaim, RunClaimSchema, SyncRun, SyncRunSchema } from './sync-run.schema';
import { SyncRunRepository } from './sync-run.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SyncRun.name, schema: SyncRunSchema },
      { name: RunClaim.name, schema: RunClaimSchema },
    ]),
  ],
  providers: [SyncRunRepository],
  exports: [SyncRunRepository],
})
export class SyncRunsModule {}
