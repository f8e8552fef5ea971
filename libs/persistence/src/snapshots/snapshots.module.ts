import { Module } from '@nestjs/common';
import { type ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import { RawSnapshot, RawSnapshotSchema } from './raw-snapshot.schema';
import { RawSnapshotRepository } from './raw-snapshot.repository';

/** The models this module registers (also listed by MODEL_CATALOGUE for `isams-sync db ensure-indexes`). */
export const SNAPSHOT_MODELS: ModelDefinition[] = [{ name: RawSnapshot.name, schema: RawSnapshotSchema }];

@Module({
  imports: [MongooseModule.forFeature(SNAPSHOT_MODELS)],
  providers: [RawSnapshotRepository],
  exports: [RawSnapshotRepository],
})
export class SnapshotsModule {}
