import 'reflect-metadata';
import { bootService } from '@isams-sync/platform';
import { loadFetcherConfig } from './config/fetcher.config';
import { FetcherModule } from './fetcher.module';

void bootService(
  'fetcher',
  () => loadFetcherConfig(),
  (config, logger) => FetcherModule.forRoot(config, logger),
);
