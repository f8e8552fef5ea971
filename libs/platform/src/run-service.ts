import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import type { ServiceEnv } from '@isams-sync/config';
import { NestPinoLogger } from '@isams-sync/observability';

/** Creates, starts and returns a service; SIGTERM/SIGINT close it in order (consumers, in-flight work, connections). */
export async function runService(module: DynamicModule, config: ServiceEnv, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create(module, { logger: new NestPinoLogger(logger), bufferLogs: false });
  app.enableShutdownHooks();
  await app.listen(config.HTTP_PORT, '0.0.0.0');
  const address = app.getHttpServer().address();
  logger.info(
    { event: 'service.started', port: typeof address === 'object' && address ? address.port : config.HTTP_PORT },
    'service started',
  );
  return app;
}
