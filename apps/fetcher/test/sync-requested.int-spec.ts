import mongoose from 'mongoose';
import { buildEnvelope, syncRequestedV1 } from '@isams-sync/contracts';
import { DEAD_LETTER_HEADERS } from '@isams-sync/messaging';
import { BrokerProbe, type RunningService, startService, testLogger, testServiceEnv, waitFor } from '@isams-sync/testing';
import { loadFetcherConfig } from '../src/config/fetcher.config';
import { FetcherModule } from '../src/fetcher.module';

const QUEUE = 'fetcher.sync-requested';

describe('fetcher: sync.requested.v1 over the real broker and database', () => {
  let service: RunningService;
  let probe: BrokerProbe;
  let db: mongoose.Connection;

  beforeAll(async () => {
    const env = testServiceEnv('fetcher');
    service = await startService(FetcherModule.forRoot(loadFetcherConfig(env), testLogger()), env);
    probe = await BrokerProbe.connect();
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
  });

  afterAll(async () => {
    await db.close();
    await probe.close();
    await service.close([QUEUE]);
  });

  const request = (schoolId: string) =>
    buildEnvelope(syncRequestedV1, { schoolId, data: { trigger: 'on-demand', requestedBy: 'support:jo', dryRun: false } });
  const runsOf = (schoolId: string) => db.collection('sync_runs').find({ schoolId }).toArray();

  it('consumes a request, creates one run, and acks it', async () => {
    await service.messaging.publish('internal', syncRequestedV1.routingKey, request('school-a'));
    const runs = await waitFor('a run for school-a', async () => {
      const found = await runsOf('school-a');
      return found.length ? found : undefined;
    });
    expect(runs[0]).toMatchObject({ schoolId: 'school-a', trigger: 'on-demand', requestedBy: 'support:jo', status: 'requested' });
    await waitFor('queue drained', async () => (await probe.messageCount(service.messaging.topology.queue(QUEUE))) === 0);
  });

  it('changes nothing when the same request is delivered twice', async () => {
    const message = request('school-b');
    await service.messaging.publish('internal', syncRequestedV1.routingKey, message);
    await service.messaging.publish('internal', syncRequestedV1.routingKey, message);
    await waitFor('both deliveries handled', async () => (await probe.messageCount(service.messaging.topology.queue(QUEUE))) === 0 && (await runsOf('school-b')).length > 0);
    // a third, distinct request proves the consumer moved past both duplicates
    await service.messaging.publish('internal', syncRequestedV1.routingKey, request('school-b'));
    await waitFor('the distinct request', async () => (await runsOf('school-b')).length === 2);
    const runs = await runsOf('school-b');
    expect(new Set(runs.map((r) => r.runKey)).size).toBe(2);
    expect(runs.filter((r) => r.runKey === `request:${message.eventId}`)).toHaveLength(1);
  });

  it('dead-letters an invalid request with its reason and school, and creates nothing', async () => {
    const bad = { ...request('school-c'), data: { trigger: 'whenever', requestedBy: '' } };
    await probe.publishRaw(service.messaging.topology.exchange('internal'), syncRequestedV1.routingKey, JSON.stringify(bad));
    const dead = await probe.take(service.messaging.topology.deadLetterQueue(QUEUE));
    expect(String(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason])).toContain('data.trigger');
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.schoolId]).toBe('school-c');
    expect(await runsOf('school-c')).toHaveLength(0);
  });
});
