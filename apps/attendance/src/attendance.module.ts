import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { AttendanceStoreModule, SchoolsModule, DirectoryModule } from '@isams-sync/persistence';
import { PlatformModule, BreakerReadiness } from '@isams-sync/platform';
import type { AttendanceConfig } from './config/attendance.config';
import { AttendanceRequestedHandler } from './handlers/attendance-requested.handler';
import { restCallGuardProvider } from './isams/rest-call-guard.provider';
import { REST_FETCH, RestClientsService } from './isams/rest-clients.service';
import { AttendanceSchoolGauges } from './metrics/attendance-school-gauges';
import { AttendanceMetrics } from './pull-attendance/attendance-metrics';
import { PullAttendanceService } from './pull-attendance/pull-attendance.service';
import { PupilDirectory, UsersPupilDirectory } from './pupils/pupil-directory';
import { AttendanceSchedulerService } from './schedule/attendance-scheduler.service';

export interface AttendanceModuleOptions {
  /** tests wrap the real fetch to act between REST requests */
  fetchImpl?: typeof fetch;
}

@Module({})
export class AttendanceModule {
  static forRoot(config: AttendanceConfig, logger: Logger, options: AttendanceModuleOptions = {}): DynamicModule {
    return {
      module: AttendanceModule,
      imports: [
        PlatformModule.forRoot({ app: 'attendance', config, logger }),
        ScheduleModule.forRoot(),
        SchoolsModule.forRoot({ current: config.SECRETS_KEY }, { insecureHosts: config.ISAMS_INSECURE_HOSTS }),
        AttendanceStoreModule,
        DirectoryModule,
      ],
      providers: [
        { provide: REST_FETCH, useValue: options.fetchImpl ?? fetch },
        restCallGuardProvider,
        RestClientsService,
        { provide: PupilDirectory, useClass: UsersPupilDirectory },
        AttendanceMetrics,
        AttendanceSchoolGauges,
        PullAttendanceService,
        AttendanceRequestedHandler,
        AttendanceSchedulerService,
        BreakerReadiness,
      ],
    };
  }
}
