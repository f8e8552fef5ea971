import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { NormalisedRecordsModule, SnapshotsModule } from '@isams-sync/persistence';
import { PlatformModule } from '@isams-sync/platform';
import type { TransformerConfig } from './config/transformer.config';
import { SnapshotFetchedHandler } from './handlers/snapshot-fetched.handler';
import { NormaliseSnapshotService } from './normalise-snapshot/normalise-snapshot.service';

@Module({})
export class TransformerModule {
  static forRoot(config: TransformerConfig, logger: Logger): DynamicModule {
    return {
      module: TransformerModule,
      imports: [
        PlatformModule.forRoot({ app: 'transformer', config, logger }),
        SnapshotsModule,
        NormalisedRecordsModule,
      ],
      providers: [NormaliseSnapshotService, SnapshotFetchedHandler],
    };
  }
}
