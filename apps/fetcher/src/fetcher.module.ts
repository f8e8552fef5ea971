import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { BatchClient } from '@isams-sync/isams';
import { NormalisedRecordsModule, SchoolsModule, SnapshotsModule, SyncRunsModule } from '@isams-sync/persistence';
import { PlatformModule, BreakerReadiness } from '@isams-sync/platform';
import type { FetcherConfig } from './config/fetcher.config';
import { callGuardProvider } from './fetch-run/call-guard.provider';
import { FetchRunService } from './fetch-run/fetch-run.service';
import { SyncRequestedHandler } from './handlers/sync-requested.handler';
import { RequestRunService } from './request-run/request-run.service';
import { NightlySchedulerService } from './schedule/nightly-scheduler.service';

@Module({})
export class FetcherModule {
  static forRoot(config: FetcherConfig, logger: Logger): DynamicModule {
    return {
      module: FetcherModule,
      imports: [
        PlatformModule.forRoot({ app: 'fetcher', config, logger }),
        SyncRunsModule,
        SchoolsModule.forRoot({ current: config.SECRETS_KEY }, { insecureHosts: config.ISAMS_INSECURE_HOSTS }),
        SnapshotsModule,
        NormalisedRecordsModule,
      ],
      providers: [
        { provide: BatchClient, useValue: new BatchClient({ userAgent: 'isams-sync fetcher' }) },
        callGuardProvider,
        FetchRunService,
        RequestRunService,
        SyncRequestedHandler,
        NightlySchedulerService,
        BreakerReadiness,
      ],
    };
  }
}
