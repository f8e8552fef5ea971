import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AttendanceMarkDoc, AttendanceMarkSchema, AttendancePullDoc, AttendancePullSchema } from './attendance-mark.schema';
import { AttendanceRepository } from './attendance.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: AttendanceMarkDoc.name, schema: AttendanceMarkSchema },
      { name: AttendancePullDoc.name, schema: AttendancePullSchema },
    ]),
  ],
  providers: [AttendanceRepository],
  exports: [AttendanceRepository],
})
export class AttendanceStoreModule {}
