import request from 'supertest';
import { AttendanceModule } from '../apps/attendance/src/attendance.module';
import { loadAttendanceConfig } from '../apps/attendance/src/config/attendance.config';
import { loadFetcherConfig } from '../apps/fetcher/src/config/fetcher.config';
import { FetcherModule } from '../apps/fetcher/src/fetcher.module';
import { loadImporterConfig } from '../apps/importer/src/config/importer.config';
import { ImporterModule } from '../apps/importer/src/importer.module';
import { loadTransformerConfig } from '../apps/transformer/src/config/transformer.config';
import { TransformerModule } from '../apps/transformer/src/transformer.module';
import {
  TEST_AMQP_URL,
  TEST_MONGO_BASE_URL,
  type RunningService,
  type TcpProxy,
  startService,
  startTcpProxy,
  testLogger,
  testServiceEnv,
  waitFor,
} from '@isams-sync/testing';

// Every service stands in the same frame: health, readiness that follows the broker, metrics.
const services = [
  {
    name: 'fetcher',
    start: (env: Record<string, string>) => FetcherModule.forRoot(loadFetcherConfig(env), testLogger()),
    queues: ['fetcher.sync-requested'],
  },
  {
    name: 'transformer',
    start: (env: Record<string, string>) => TransformerModule.forRoot(loadTransformerConfig(env), testLogger()),
    queues: [],
  },
  {
    name: 'importer',
    start: (env: Record<string, string>) => ImporterModule.forRoot(loadImporterConfig(env), testLogger()),
    queues: [],
  },
  {
    name: 'attendance',
    start: (env: Record<string, string>) => AttendanceModule.forRoot(loadAttendanceConfig(env), testLogger()),
    queues: [],
  },
];

describe.each(services)('$name service frame', ({ name, start, queues }) => {
  let service: RunningService;
  let proxy: TcpProxy;
  let mongoProxy: TcpProxy;

  beforeAll(async () => {
    const amqp = new URL(TEST_AMQP_URL);
    proxy = await startTcpProxy(amqp.hostname, Number(amqp.port || 5672));
    const mongo = new URL(TEST_MONGO_BASE_URL);
    mongoProxy = await startTcpProxy(mongo.hostname, Number(mongo.port || 27017));
    const base = testServiceEnv(name);
    const env = { ...base, AMQP_URL: proxy.url(TEST_AMQP_URL), MONGO_URL: mongoProxy.url(base.MONGO_URL) };
    service = await startService(start(env), env);
    await service.messaging.ready();
  });

  afterAll(async () => {
    await service.close(queues);
    await proxy.close();
    await mongoProxy.close();
  });

  it('is live and ready with MongoDB and RabbitMQ up', async () => {
    await request(service.baseUrl).get('/health/live').expect(200);
    const ready = await request(service.baseUrl).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { mongodb: { status: 'up' }, rabbitmq: { status: 'up' } } });
  });

  it('serves Prometheus metrics labelled with the app', async () => {
    const res = await request(service.baseUrl).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain(`process_cpu_user_seconds_total{app="${name}"}`);
    expect(res.text).toContain(`isams_sync_ready{app="${name}"} 1`);
    expect(res.text).toMatch(
      new RegExp(`^isams_sync_build_info\\{version="[^"]+",revision="[^"]+",app="${name}"\\} 1$`, 'm'),
    );
  });

  it('reports not ready while the broker connection is down, and ready again after it reconnects', async () => {
    proxy.setAvailable(false);
    const down = await waitFor('readiness to fail', async () => {
      const res = await request(service.baseUrl).get('/health/ready');
      return res.status === 503 ? res : undefined;
    });
    expect(down.body.error.rabbitmq.status).toBe('down');
    await request(service.baseUrl).get('/health/live').expect(200);
    // the scrape still answers, and says the app is not ready
    expect((await request(service.baseUrl).get('/metrics').expect(200)).text).toContain(
      `isams_sync_ready{app="${name}"} 0`,
    );
    proxy.setAvailable(true);
    await waitFor(
      'readiness to recover',
      async () => (await request(service.baseUrl).get('/health/ready')).status === 200,
      20_000,
    );
  });

  it('reports not ready while the database is unreachable, and recovers', async () => {
    mongoProxy.setAvailable(false);
    const down = await waitFor('readiness to fail', async () => {
      const res = await request(service.baseUrl).get('/health/ready');
      return res.status === 503 ? res : undefined;
    });
    expect(down.body.error.mongodb.status).toBe('down');
    // per-school gauges read the database: the scrape must still answer, and say the app is not ready
    expect((await request(service.baseUrl).get('/metrics').expect(200)).text).toContain(
      `isams_sync_ready{app="${name}"} 0`,
    );
    mongoProxy.setAvailable(true);
    await waitFor(
      'readiness to recover',
      async () => (await request(service.baseUrl).get('/health/ready')).status === 200,
      30_000,
    );
  });
});
