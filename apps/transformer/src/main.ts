import 'reflect-metadata';
import { bootService } from '@isams-sync/platform';
import { loadTransformerConfig } from './config/transformer.config';
import { TransformerModule } from './transformer.module';

void bootService(
  'transformer',
  () => loadTransformerConfig(),
  (config, logger) => TransformerModule.forRoot(config, logger),
);
