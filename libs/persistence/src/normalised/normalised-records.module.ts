import { Module } from '@nestjs/common';
import { type ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import {
  DatasetResult,
  DatasetResultSchema,
  NormalisedRecordDoc,
  NormalisedRecordSchema,
} from './normalised-record.schema';
import { NormalisedRecordRepository } from './normalised-record.repository';

/** The models this module registers (also listed by MODEL_CATALOGUE for `isams-sync db ensure-indexes`). */
export const NORMALISED_MODELS: ModelDefinition[] = [
  { name: NormalisedRecordDoc.name, schema: NormalisedRecordSchema },
  { name: DatasetResult.name, schema: DatasetResultSchema },
];

@Module({
  imports: [MongooseModule.forFeature(NORMALISED_MODELS)],
  providers: [NormalisedRecordRepository],
  exports: [NormalisedRecordRepository],
})
export class NormalisedRecordsModule {}
