import { Module } from '@nestjs/common';
import { type ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import { RunClaim, RunClaimSchema, SyncRun, SyncRunSchema } from './sync-run.schema';
import { SyncRunRepository } from './sync-run.repository';

/** The models this module registers (also listed by MODEL_CATALOGUE for `isams-sync db ensure-indexes`). */
export const SYNC_RUN_MODELS: ModelDefinition[] = [
  { name: SyncRun.name, schema: SyncRunSchema },
  { name: RunClaim.name, schema: RunClaimSchema },
];

@Module({
  imports: [MongooseModule.forFeature(SYNC_RUN_MODELS)],
  providers: [SyncRunRepository],
  exports: [SyncRunRepository],
})
export class SyncRunsModule {}
