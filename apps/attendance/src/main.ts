import 'reflect-metadata';
import { bootService } from '@isams-sync/platform';
import { loadAttendanceConfig } from './config/attendance.config';
import { AttendanceModule } from './attendance.module';

void bootService(
  'attendance',
  () => loadAttendanceConfig(),
  (config, logger) => AttendanceModule.forRoot(config, logger),
);
