import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '@isams-sync/platform';
import type { ImporterConfig } from './config/importer.config';

@Module({})
export class ImporterModule {
  static forRoot(config: ImporterConfig, logger: Logger): DynamicModule {
    return {
      module: ImporterModule,
      imports: [PlatformModule.forRoot({ app: 'importer', config, logger })],
      providers: [],
    };
  }
}
