import { Module } from '@nestjs/common';
import { type ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import {
  AttendanceMarkDoc,
  AttendanceMarkSchema,
  AttendancePullDoc,
  AttendancePullSchema,
} from './attendance-mark.schema';
import { AttendanceRepository } from './attendance.repository';

/** The models this module registers (also listed by MODEL_CATALOGUE for `isams-sync db ensure-indexes`). */
export const ATTENDANCE_MODELS: ModelDefinition[] = [
  { name: AttendanceMarkDoc.name, schema: AttendanceMarkSchema },
  { name: AttendancePullDoc.name, schema: AttendancePullSchema },
];

@Module({
  imports: [MongooseModule.forFeature(ATTENDANCE_MODELS)],
  providers: [AttendanceRepository],
  exports: [AttendanceRepository],
})
export class AttendanceStoreModule {}
