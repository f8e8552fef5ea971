import type { DynamicModule } from '@nestjs/common';
import { ConfigError, StartupRefusedError, type ServiceEnv } from '@isams-sync/config';
import { createLogger } from '@isams-sync/observability';
import { runService } from './run-service';

/**
 * The whole of an app's main(): validate the environment (listing every bad variable and exiting
 * non-zero), then start the service. Config errors go to stderr as plain text so a person reads them.
 */
export async function bootService<C extends ServiceEnv>(
  app: string,
  loadConfig: () => C,
  module: (config: C, logger: ReturnType<typeof createLogger>) => DynamicModule,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(app, config.LOG_LEVEL);
  try {
    await runService(module(config, logger), config, logger);
  } catch (error) {
    if (error instanceof StartupRefusedError) {
      // one line a person reads: the problem and the fix
      process.stderr.write(`${app}: ${error.message}\n`);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'service failed to start');
    process.exit(1);
  }
}
