import mongoose from 'mongoose';
import { buildEnvelope, syncRequestedV1 } from '@isams-sync/contracts';
import { DEAD_LETTER_HEADERS } from '@isams-sync/messaging';
import { BrokerProbe, type RunningService, startService, testLogger, testServiceEnv } from '@isams-sync/testing';
import { loadFetcherConfig } from '../src/config/fetcher.config';
import { FetcherModule } from '../src/fetcher.module';

const QUEUE = 'fetcher.sync-requested';

// The happy path, duplicates and races need a school and an iSAMS: see test/nightly-fetch.e2e-spec.ts.
describe('fetcher: sync.requested.v1 over the real broker and database', () => {
  let service: RunningService;
  let probe: BrokerProbe;
  let db: mongoose.Connection;

  beforeAll(async () => {
    const env = testServiceEnv('fetcher', { SCHEDULER_ENABLED: 'false' });
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
    buildEnvelope(syncRequestedV1, {
      schoolId,
      data: { trigger: 'on-demand', requestedBy: 'support:jo', dryRun: false },
    });
  const runsOf = (schoolId: string) => db.collection('sync_runs').find({ schoolId }).toArray();

  it('dead-letters a request for a school that is not registered, with the fix, and creates no run', async () => {
    await service.messaging.publish('internal', syncRequestedV1.routingKey, request('school-unknown'));
    const dead = await probe.take(service.messaging.topology.deadLetterQueue(QUEUE));
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason]).toBe("school 'school-unknown' is not registered");
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.schoolId]).toBe('school-unknown');
    expect(await runsOf('school-unknown')).toHaveLength(0);
  });

  it('dead-letters an invalid request with its reason and school, and creates nothing', async () => {
    const bad = { ...request('school-c'), data: { trigger: 'whenever', requestedBy: '' } };
    await probe.publishRaw(
      service.messaging.topology.exchange('internal'),
      syncRequestedV1.routingKey,
      JSON.stringify(bad),
    );
    const dead = await probe.take(service.messaging.topology.deadLetterQueue(QUEUE));
    expect(String(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason])).toContain('data.trigger');
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.schoolId]).toBe('school-c');
    expect(await runsOf('school-c')).toHaveLength(0);
  });
});
