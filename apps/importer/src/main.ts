import 'reflect-metadata';
import { bootService } from '@isams-sync/platform';
import { loadImporterConfig } from './config/importer.config';
import { ImporterModule } from './importer.module';

void bootService(
  'importer',
  () => loadImporterConfig(),
  (config, logger) => ImporterModule.forRoot(config, logger),
);
