import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SyncRun, SyncRunSchema } from './sync-run.schema';
import { SyncRunRepository } from './sync-run.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: SyncRun.name, schema: SyncRunSchema }])],
  providers: [SyncRunRepository],
  exports: [SyncRunRepository],
})
export class SyncRunsModule {}
