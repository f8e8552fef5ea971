import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RawSnapshot, RawSnapshotSchema } from './raw-snapshot.schema';
import { RawSnapshotRepository } from './raw-snapshot.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: RawSnapshot.name, schema: RawSnapshotSchema }])],
  providers: [RawSnapshotRepository],
  exports: [RawSnapshotRepository],
})
export class SnapshotsModule {}
