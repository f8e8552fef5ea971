import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { SyncRunsModule } from '@isams-sync/persistence';
import { PlatformModule } from '@isams-sync/platform';
import type { FetcherConfig } from './config/fetcher.config';
import { SyncRequestedHandler } from './handlers/sync-requested.handler';
import { RequestRunService } from './request-run/request-run.service';

@Module({})
export class FetcherModule {
  static forRoot(config: FetcherConfig, logger: Logger): DynamicModule {
    return {
      module: FetcherModule,
      imports: [PlatformModule.forRoot({ app: 'fetcher', config, logger }), SyncRunsModule],
      providers: [RequestRunService, SyncRequestedHandler],
    };
  }
}
