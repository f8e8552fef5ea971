import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GroupDoc, GroupSchema, RunPlanChunk, RunPlanChunkSchema, RunReportDoc, RunReportSchema, UserDoc, UserLogin, UserLoginSchema, UserSchema } from './directory.schema';
import { DirectoryRepository } from './directory.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: UserDoc.name, schema: UserSchema },
      { name: UserLogin.name, schema: UserLoginSchema },
      { name: GroupDoc.name, schema: GroupSchema },
      { name: RunReportDoc.name, schema: RunReportSchema },
      { name: RunPlanChunk.name, schema: RunPlanChunkSchema },
    ]),
  ],
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class DirectoryModule {}
