import mongoose from 'mongoose';
import { QUEUES } from '@isams-sync/messaging';
import { startSimulator, type RunningSimulator } from '../../isams-simulator/src/isams-simulator.server';
import {
  type RunningService,
  registerSimulatedSchool,
  startService,
  testLogger,
  testServiceEnv,
  waitFor,
} from '@isams-sync/testing';
import { loadFetcherConfig } from '../src/config/fetcher.config';
import { FetcherModule } from '../src/fetcher.module';
import { NightlySchedulerService } from '../src/schedule/nightly-scheduler.service';

const REQUIRED = ['structure', 'staff', 'pupils', 'contacts', 'teaching', 'photos'];

/** Two fetcher replicas whose schedulers tick at the same moment, over the real database and broker. */
describe('fetcher: the nightly scheduler across replicas', () => {
  let simulator: RunningSimulator;
  let fetcher: RunningService;
  let fetcher2: RunningService;
  let db: mongoose.Connection;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 11, pupils: 30, port: 0 });
    // the ticks are driven by the test at chosen times, not by the timer
    const env = testServiceEnv('nightly-scheduler', { ISAMS_CALL_TIMEOUT_MS: '5000', SCHEDULER_ENABLED: 'false' });
    fetcher = await startService(FetcherModule.forRoot(loadFetcherConfig(env), testLogger()), env);
    fetcher2 = await startService(FetcherModule.forRoot(loadFetcherConfig(env), testLogger()), env);
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
  });

  afterAll(async () => {
    await db.close();
    await fetcher2.app.close();
    await fetcher.close([QUEUES.syncRequested]);
    await simulator.close();
  });

  it('creates exactly one nightly run when two replicas tick at the same moment, and fetches it once', async () => {
    // other schools keep the default 01:00–03:00 window; this one alone is open at 04:30 London time
    await registerSimulatedSchool(db, simulator.school.info(), {
      id: 'school-night',
      nightlyWindow: { start: '04:00', end: '05:00' },
    });
    await registerSimulatedSchool(db, simulator.school.info(), { id: 'school-day' });
    const at = new Date('2026-11-28T04:30:00Z');
    const [a, b] = await Promise.all([
      fetcher.app.get(NightlySchedulerService).tick(at),
      fetcher2.app.get(NightlySchedulerService).tick(at),
    ]);
    const created = [...a, ...b];
    const nightRuns = await db.collection('sync_runs').find({ runKey: 'night:2026-11-28' }).toArray();
    expect(nightRuns).toHaveLength(1);
    expect(nightRuns[0].schoolId).toBe('school-night');
    expect(created).toEqual([String(nightRuns[0]._id)]);
    await waitFor(
      'the night run fetched',
      async () => (await db.collection('raw_snapshots').countDocuments({ runId: created[0] })) === REQUIRED.length,
      45_000,
    );
    // a later tick the same night creates nothing new
    expect(await fetcher.app.get(NightlySchedulerService).tick(new Date('2026-11-28T04:45:00Z'))).toEqual([]);
    expect(await db.collection('sync_runs').countDocuments({ schoolId: 'school-night' })).toBe(1);
  });
});
