import mongoose from 'mongoose';
import { buildEnvelope, syncRequestedV1 } from '@isams-sync/contracts';
import { startSimulator, type RunningSimulator } from '../apps/isams-simulator/src/isams-simulator.server';
import {
  type RunningService,
  registerSimulatedSchool,
  startService,
  testLogger,
  testServiceEnv,
  waitFor,
} from '@isams-sync/testing';
import { loadFetcherConfig } from '../apps/fetcher/src/config/fetcher.config';
import { FetcherModule } from '../apps/fetcher/src/fetcher.module';
import { loadTransformerConfig } from '../apps/transformer/src/config/transformer.config';
import { TransformerModule } from '../apps/transformer/src/transformer.module';

const REQUIRED = ['structure', 'staff', 'pupils', 'contacts', 'teaching', 'photos'];

/**
 * From a school record, through the simulated iSAMS over HTTP, the fetcher and the transformer
 * over the real RabbitMQ, to normalised records in the real database.
 */
describe('nightly fetch and transform, end to end', () => {
  let simulator: RunningSimulator;
  let fetcher: RunningService;
  let transformer: RunningService;
  let db: mongoose.Connection;
  let env: Record<string, string>;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 11, pupils: 30, port: 0 });
    env = testServiceEnv('nightly', {
      ISAMS_BACKOFF_BASE_MS: '20',
      ISAMS_BACKOFF_CAP_MS: '1500',
      ISAMS_CALL_TIMEOUT_MS: '5000',
      ISAMS_MAX_ATTEMPTS: '3',
      SCHEDULER_ENABLED: 'false',
    });
    fetcher = await startService(FetcherModule.forRoot(loadFetcherConfig(env), testLogger()), env);
    transformer = await startService(TransformerModule.forRoot(loadTransformerConfig(env), testLogger()), env);
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
  });

  afterAll(async () => {
    await db.close();
    await transformer.close(['transformer.snapshot-fetched']);
    await fetcher.close(['fetcher.sync-requested']);
    await simulator.close();
  });

  const outcomesOf = async (runId: string) => db.collection('dataset_results').find({ runId }).toArray();
  const runOf = async (runKey: string) => db.collection('sync_runs').findOne({ runKey });

  async function syncNow(schoolId: string, datasets?: string[]) {
    const request = buildEnvelope(syncRequestedV1, {
      schoolId,
      data: { trigger: 'on-demand', requestedBy: 'test', dryRun: false, ...(datasets ? { datasets } : {}) },
    });
    await fetcher.messaging.publish('internal', syncRequestedV1.routingKey, request);
    const run = await waitFor('the run', () => runOf(`request:${request.eventId}`).then((r) => r ?? undefined));
    const expected = datasets ?? REQUIRED;
    const outcomes = await waitFor(
      `${expected.length} dataset outcomes`,
      async () => {
        const found = await outcomesOf(String(run._id));
        return found.length === expected.length ? found : undefined;
      },
      30_000,
    );
    return { runId: String(run._id), outcomes: Object.fromEntries(outcomes.map((o) => [o.dataset, o])) };
  }

  it('registers a school, fetches every dataset with its own key, and stores what the school has', async () => {
    await registerSimulatedSchool(db, simulator.school.info(), { id: 'school-e2e' });
    const { runId, outcomes } = await syncNow('school-e2e');
    for (const dataset of REQUIRED) expect(outcomes[dataset]).toMatchObject({ status: 'normalised' });
    expect(outcomes.pupils.counts).toEqual({ student: simulator.school.pupils().length });
    expect(outcomes.staff.counts.staff).toBe(simulator.school.staff().length);
    const snapshots = await db.collection('raw_snapshots').find({ runId }).toArray();
    expect(snapshots.map((s) => s.dataset).sort()).toEqual([...REQUIRED].sort());
    const run = await db.collection('sync_runs').findOne({ _id: runId as unknown as mongoose.mongo.ObjectId });
    expect(run?.fetch.pupils).toMatchObject({ status: 'fetched', httpStatus: 200, identicalToPrevious: false });
    // a second run inside the key's cache window gets identical bytes, and says so
    const again = await syncNow('school-e2e', ['pupils']);
    const snapshot = await db.collection('raw_snapshots').findOne({ runId: again.runId, dataset: 'pupils' });
    expect(snapshot?.identicalToPrevious).toBe(true);
  });

  it('fails only the dataset whose key is invalid, with the fix, and carries on with the others', async () => {
    await registerSimulatedSchool(db, simulator.school.info(), {
      id: 'school-badkey',
      batchKeys: { ...simulator.school.info().keys, contacts: '00000000-0000-0000-0000-000000000000' },
    });
    const { outcomes } = await syncNow('school-badkey');
    expect(outcomes.contacts).toMatchObject({ status: 'failed', stage: 'fetch' });
    expect(outcomes.contacts.fix).toMatch(/key/i);
    expect(outcomes.contacts.reason).not.toContain('00000000-0000-0000-0000-000000000000');
    expect(outcomes.pupils.status).toBe('normalised');
  });

  it('retries a deadlocked call and a throttled key, and both datasets still arrive', async () => {
    await registerSimulatedSchool(db, simulator.school.info(), { id: 'school-flaky' });
    simulator.school.clearFaults();
    simulator.school.setFault({ kind: 'deadlock', count: 1, datasets: ['staff'] });
    simulator.school.configureKey('structure', {
      throttle: { limit: 1, windowSeconds: 1, retryAfterSeconds: 1 },
      cacheSeconds: 0,
    });
    await fetch(`${simulator.url}/api/batch/1.0/xml.ashx?apiKey=${simulator.school.info().keys.structure}`); // spend the window
    const { outcomes } = await syncNow('school-flaky', ['structure', 'staff']);
    expect(outcomes.staff.status).toBe('normalised');
    expect(outcomes.structure.status).toBe('normalised');
    simulator.school.configureKey('structure', { throttle: null });
    simulator.school.clearFaults();
  });

  it('reports sections a key should not have (extra methods ticked by mistake)', async () => {
    const info = simulator.school.info();
    simulator.school.configureKey('staff', { extraMethods: ['Pupil_GetCurrentPupils'], cacheSeconds: 0 });
    await registerSimulatedSchool(db, info, { id: 'school-extra' });
    const { outcomes } = await syncNow('school-extra', ['staff']);
    expect(outcomes.staff.status).toBe('normalised');
    expect(outcomes.staff.findings.some((f: { kind: string }) => f.kind === 'unexpected-section')).toBe(true);
    simulator.school.configureKey('staff', { extraMethods: [] });
  });

  it('reads the hostile profile (utf-16 label, split blocks, lower-case ids, empty elements) to the same records as the real one', async () => {
    await registerSimulatedSchool(db, simulator.school.info(), { id: 'school-profiles' });
    const real = await syncNow('school-profiles');
    simulator.school.setProfile('hostile');
    simulator.school.keys.clearCaches();
    try {
      const hostile = await syncNow('school-profiles');
      const snapshot = await db.collection('raw_snapshots').findOne({ runId: hostile.runId, dataset: 'pupils' });
      expect(snapshot?.identicalToPrevious).toBe(false);
      for (const dataset of REQUIRED) {
        expect(hostile.outcomes[dataset]).toMatchObject({ status: 'normalised' });
        expect(hostile.outcomes[dataset].counts).toEqual(real.outcomes[dataset].counts);
      }
    } finally {
      simulator.school.setProfile('real');
      simulator.school.keys.clearCaches();
    }
  });

  it('ends only the dataset whose key is IP-blocked, with the allow-list fix, and carries on with the others', async () => {
    await registerSimulatedSchool(db, simulator.school.info(), { id: 'school-ipblock' });
    simulator.school.setFault({ kind: 'ip-blocked', datasets: ['staff'] });
    try {
      const { outcomes } = await syncNow('school-ipblock', ['staff', 'pupils']);
      expect(outcomes.staff).toMatchObject({ status: 'failed', stage: 'fetch' });
      expect(outcomes.staff.fix).toContain(
        "add SchoolsBuddy's outgoing addresses to the IP allow-list of the staff key",
      );
      expect(outcomes.pupils.status).toBe('normalised');
    } finally {
      simulator.school.clearFaults();
    }
  });
});
