import { Module } from '@nestjs/common';
import { type ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import {
  GroupDoc,
  GroupSchema,
  RunPlanChunk,
  RunPlanChunkSchema,
  RunReportDoc,
  RunReportSchema,
  UserDoc,
  UserLogin,
  UserLoginSchema,
  UserSchema,
} from './directory.schema';
import { GroupRepository } from './group.repository';
import { OutboxRepository } from './outbox.repository';
import { RunPlanRepository } from './run-plan.repository';
import { RunReportRepository } from './run-report.repository';
import { UserRepository } from './user.repository';

const REPOSITORIES = [UserRepository, GroupRepository, OutboxRepository, RunReportRepository, RunPlanRepository];

/** The models this module registers (also listed by MODEL_CATALOGUE for `isams-sync db ensure-indexes`). */
export const DIRECTORY_MODELS: ModelDefinition[] = [
  { name: UserDoc.name, schema: UserSchema },
  { name: UserLogin.name, schema: UserLoginSchema },
  { name: GroupDoc.name, schema: GroupSchema },
  { name: RunReportDoc.name, schema: RunReportSchema },
  { name: RunPlanChunk.name, schema: RunPlanChunkSchema },
];

@Module({
  imports: [MongooseModule.forFeature(DIRECTORY_MODELS)],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class DirectoryModule {}
