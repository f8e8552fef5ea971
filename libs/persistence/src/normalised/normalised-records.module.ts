import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DatasetResult, DatasetResultSchema, NormalisedRecordDoc, NormalisedRecordSchema } from './normalised-record.schema';
import { NormalisedRecordRepository } from './normalised-record.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: NormalisedRecordDoc.name, schema: NormalisedRecordSchema },
      { name: DatasetResult.name, schema: DatasetResultSchema },
    ]),
  ],
  providers: [NormalisedRecordRepository],
  exports: [NormalisedRecordRepository],
})
export class NormalisedRecordsModule {}
