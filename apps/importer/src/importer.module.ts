import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  DirectoryModule,
  NormalisedRecordsModule,
  SchoolsModule,
  SnapshotsModule,
  SyncRunsModule,
} from '@isams-sync/persistence';
import { PlatformModule } from '@isams-sync/platform';
import { ApplyRunService } from './apply-run/apply-run.service';
import type { ImporterConfig } from './config/importer.config';
import { DatasetSettledHandler } from './handlers/dataset-settled.handler';
import { RunDecidedHandler } from './handlers/run-decided.handler';
import { SchoolSyncGauges } from './metrics/school-sync-gauges';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { RejectRunService } from './run-decision/reject-run.service';
import { DecideRunService } from './run-decision/decide-run.service';

@Module({})
export class ImporterModule {
  static forRoot(config: ImporterConfig, logger: Logger): DynamicModule {
    return {
      module: ImporterModule,
      imports: [
        PlatformModule.forRoot({ app: 'importer', config, logger }),
        SyncRunsModule,
        NormalisedRecordsModule,
        SnapshotsModule,
        DirectoryModule,
        SchoolsModule.forRoot({ current: config.SECRETS_KEY }, { insecureHosts: config.ISAMS_INSECURE_HOSTS }),
      ],
      providers: [
        SchoolSyncGauges,
        OutboxRelayService,
        ApplyRunService,
        DatasetSettledHandler,
        RejectRunService,
        DecideRunService,
        RunDecidedHandler,
      ],
    };
  }
}
