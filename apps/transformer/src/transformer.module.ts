import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { PlatformModule } from '@isams-sync/platform';
import type { TransformerConfig } from './config/transformer.config';

@Module({})
export class TransformerModule {
  static forRoot(config: TransformerConfig, logger: Logger): DynamicModule {
    return {
      module: TransformerModule,
      imports: [PlatformModule.forRoot({ app: 'transformer', config, logger })],
      providers: [],
    };
  }
}
