import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '@isams-sync/platform';
import type { AttendanceConfig } from './config/attendance.config';

@Module({})
export class AttendanceModule {
  static forRoot(config: AttendanceConfig, logger: Logger): DynamicModule {
    return {
      module: AttendanceModule,
      imports: [PlatformModule.forRoot({ app: 'attendance', config, logger })],
      providers: [],
    };
  }
}
