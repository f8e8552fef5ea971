import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { MessagingClient } from '@isams-sync/messaging';
import { BrokerProbe } from './broker-probe';
import { testLogger } from './silent-logger';
import { TEST_AMQP_URL, uniqueMongoUrl, uniqueName } from './test-env';

export const TEST_SECRETS_KEY = Buffer.alloc(32, 42).toString('base64');

/** The environment a service under test gets: its own database and queue prefix, an ephemeral port. */
export function testServiceEnv(label: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HTTP_PORT: '0',
    AMQP_URL: TEST_AMQP_URL,
    MONGO_URL: uniqueMongoUrl(label),
    MESSAGING_PREFIX: `${uniqueName(label)}.`,
    SECRETS_KEY: TEST_SECRETS_KEY,
    SHUTDOWN_TIMEOUT_MS: '2000',
    // the simulator listens on loopback over plain http
    ISAMS_INSECURE_HOSTS: '127.0.0.1',
    ...overrides,
  };
}

export interface RunningService {
  app: INestApplication;
  baseUrl: string;
  messaging: MessagingClient;
  /** Closes the app, then drops its database and every queue and exchange it declared. */
  close(queueNames?: string[]): Promise<void>;
}

/** A provider a test replaces (e.g. with a subclass that fails at one step, as a killed process would). */
export interface ProviderOverride {
  provide: Type<unknown>;
  useClass: Type<unknown>;
}

async function createApp(module: DynamicModule, overrides: readonly ProviderOverride[]): Promise<INestApplication> {
  if (overrides.length === 0) return NestFactory.create(module, { logger: false });
  // Loaded only here: @nestjs/testing is a dev dependency, and this lib's other helpers also run in the demo image.
  const { Test } = await import('@nestjs/testing');
  let builder = Test.createTestingModule({ imports: [module] });
  for (const override of overrides) builder = builder.overrideProvider(override.provide).useClass(override.useClass);
  const compiled = await builder.compile();
  return compiled.createNestApplication({ logger: false });
}

/** Starts an app module on an ephemeral loopback port against the real broker and database. */
export async function startService(
  module: DynamicModule,
  env: Record<string, string>,
  logger: Logger = testLogger(),
  overrides: readonly ProviderOverride[] = [],
): Promise<RunningService> {
  void logger;
  const app = await createApp(module, overrides);
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const messaging = app.get(MessagingClient);
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    messaging,
    close: async (queueNames: string[] = []) => {
      const topology = messaging.topology;
      await app.close();
      const probe = await BrokerProbe.connect();
      await probe.deleteQueues(
        queueNames.flatMap((q) => [topology.queue(q), topology.deadLetterQueue(q), topology.retryQueue(q)]),
        [topology.exchange('internal'), topology.exchange('public'), topology.deadLetterExchange],
      );
      await probe.close();
      const connection = await mongoose.createConnection(env.MONGO_URL).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}
