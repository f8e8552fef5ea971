import mongoose from 'mongoose';
import { BATCH_METHOD_SPECS } from '@isams-sync/isams';
import { startSimulator, type RunningSimulator } from '../apps/isams-simulator/src/isams-simulator.server';
import {
  type RunningService,
  registerSimulatedSchool,
  startService,
  testLogger,
  testServiceEnv,
} from '@isams-sync/testing';
import { captureCli, type Ran } from './support/capture-cli';
import { loadFetcherConfig } from '../apps/fetcher/src/config/fetcher.config';
import { FetcherModule } from '../apps/fetcher/src/fetcher.module';
import { loadTransformerConfig } from '../apps/transformer/src/config/transformer.config';
import { TransformerModule } from '../apps/transformer/src/transformer.module';

const REQUIRED = ['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos'];
const BAD_KEY = '00000000-0000-0000-0000-00000000dead';

/** `isams-sync keys check` and `isams-sync sync`, in process, against the simulator, the real broker and database, and real apps. */
describe('isams-sync keys check and sync, end to end', () => {
  let simulator: RunningSimulator;
  let fetcher: RunningService;
  let transformer: RunningService;
  let db: mongoose.Connection;
  let env: Record<string, string>;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 23, pupils: 30, port: 0 });
    env = testServiceEnv('cli-sync', {
      ISAMS_BACKOFF_BASE_MS: '20',
      ISAMS_BACKOFF_CAP_MS: '500',
      ISAMS_CALL_TIMEOUT_MS: '5000',
      ISAMS_MAX_ATTEMPTS: '2',
      SCHEDULER_ENABLED: 'false',
    });
    fetcher = await startService(FetcherModule.forRoot(loadFetcherConfig(env), testLogger()), env);
    transformer = await startService(TransformerModule.forRoot(loadTransformerConfig(env), testLogger()), env);
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
    await registerSimulatedSchool(db, simulator.school.info(), { id: 'cli-healthy' });
    await registerSimulatedSchool(db, simulator.school.info(), {
      id: 'cli-badkey',
      batchKeys: { ...simulator.school.info().keys, contacts: BAD_KEY },
    });
  });

  afterAll(async () => {
    await db.close();
    await transformer.close(['transformer.snapshot-fetched']);
    await fetcher.close(['fetcher.sync-requested']);
    await simulator.close();
  });

  async function cli(args: string[]): Promise<Ran> {
    return captureCli(args, env);
  }

  const expectNoKeys = (ran: Ran) => {
    for (const key of [...Object.values(simulator.school.info().keys), BAD_KEY])
      expect(`${ran.out}\n${ran.err}`).not.toContain(key);
  };

  it('keys check: a healthy school is usable, with counts, and the cache shows in the second answer', async () => {
    const ran = await cli(['keys', 'check', '--school', 'cli-healthy']);
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(
      new RegExp(
        `^pupils\\s+••••${simulator.school.info().keys.pupils.slice(-4)}\\s+ok\\s+200\\s+\\d+\\s+${simulator.school.pupils().length} student`,
        'm',
      ),
    );
    expect(ran.out).toContain('every required dataset is usable');
    // the simulator's keys cache for 2 h, like a real key: the immediate second answer is the same bytes
    expect(ran.out).toMatch(/pupils: identical answers [\d.]+ s apart: iSAMS is answering from its cache/);
    // progress while it runs, on stderr (stdout stays the report), keys only as fingerprints
    expect(ran.err).toMatch(
      new RegExp(`^checking pupils \\(key ••••${simulator.school.info().keys.pupils.slice(-4)}\\)…$`, 'm'),
    );
    expect(ran.err).toMatch(/^ {2}staff: answered in \d+ ms; calling again/m);
    expectNoKeys(ran);

    const json = JSON.parse((await cli(['keys', 'check', '--school', 'cli-healthy', '--json'])).out);
    expect(json).toMatchObject({ schoolId: 'cli-healthy', ok: true });
    expect(json.datasets.map((d: { dataset: string }) => d.dataset)).toEqual(expect.arrayContaining(REQUIRED));
    expect(json.datasets.find((d: { dataset: string }) => d.dataset === 'staff')).toMatchObject({
      usable: true,
      reachable: true,
      counts: { staff: simulator.school.staff().length },
    });
  });

  it('keys check: a bad key makes a required dataset unusable, with the fix, and the key masked', async () => {
    const ran = await cli(['keys', 'check', '--school', 'cli-badkey']);
    expect(ran.code).toBe(1);
    expect(ran.out).toMatch(/^contacts\s+••••dead\s+UNREADABLE/m);
    expect(ran.out).toMatch(/^ {2}fix: In iSAMS Control Panel > API Services, check that the contacts key exists/m);
    expect(ran.out).toContain('UNUSABLE required datasets: contacts');
    expectNoKeys(ran);
  });

  it('keys check: reports a method ticked by mistake on a key', async () => {
    simulator.school.configureKey('staff', { extraMethods: ['Pupil_GetCurrentPupils'] });
    try {
      const ran = await cli(['keys', 'check', '--school', 'cli-healthy']);
      expect(ran.code).toBe(0);
      expect(ran.out).toMatch(/^staff\s+\S+\s+ok \(extra\)/m);
      expect(ran.out).toContain('staff: section PupilManager/CurrentPupils is ticked on this key by mistake');
      expect(ran.out).toContain('fix: untick Pupil_GetCurrentPupils on the staff key');
    } finally {
      simulator.school.configureKey('staff', { extraMethods: [] });
    }
  });

  it('keys check: every method it tells a school to tick or untick is in the evidence table', async () => {
    const methodsIn = (text: string) =>
      [...text.matchAll(/\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]+\b/g)].map((match) => match[0]);
    simulator.school.configureKey('structure', { methods: ['School_GetAllYears'] });
    simulator.school.configureKey('staff', { extraMethods: ['Pupil_GetCurrentPupils'] });
    try {
      const ran = await cli(['keys', 'check', '--school', 'cli-healthy']);
      expect(ran.out).toContain(
        'fix: In iSAMS (Control Panel > API Services > Batch API), tick School_GetSchoolForms, School_GetAcademicHouses, School_GetBoardingHouses, School_GetSchoolDivisions, School_GetSchoolTerms on the structure key',
      );
      const named = methodsIn(ran.out);
      expect(named.length).toBeGreaterThan(5);
      for (const method of named) expect(Object.keys(BATCH_METHOD_SPECS)).toContain(method);
    } finally {
      simulator.school.configureKey('structure', {
        methods: [
          'School_GetAllYears',
          'School_GetSchoolForms',
          'School_GetAcademicHouses',
          'School_GetBoardingHouses',
          'School_GetSchoolDivisions',
          'School_GetSchoolTerms',
        ],
      });
      simulator.school.configureKey('staff', { methods: ['HumanResources_GetCurrentStaff'] });
    }
  });

  it('sync: requests a run and follows every dataset to its outcome; a second run gets the cache note', async () => {
    const ran = await cli(['sync', '--school', 'cli-healthy', '--timeout-seconds', '25']);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.out).not.toContain('note:');
    for (const dataset of REQUIRED) {
      expect(ran.out).toMatch(new RegExp(`^${dataset}: fetched \\d+ bytes`, 'm'));
      expect(ran.out).toMatch(new RegExp(`^${dataset}: normalised `, 'm'));
    }
    expect(ran.out).toContain(`pupils: normalised ${simulator.school.pupils().length} student`);
    expect(ran.out).toMatch(/^run \S+: all 6 dataset\(s\) normalised$/m);
    const runId = /^run (\S+) started$/m.exec(ran.out)?.[1];
    expect(
      await db.collection('sync_runs').findOne({ _id: runId as unknown as mongoose.mongo.ObjectId }),
    ).toMatchObject({ trigger: 'on-demand', requestedBy: expect.stringMatching(/^cli:/) });

    const again = await cli(['sync', '--school', 'cli-healthy', '--datasets', 'pupils', '--timeout-seconds', '25']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^note: last fetched pupils 0 min ago; .*may answer from its cache/m);
    expect(again.out).toContain('pupils: fetched');
    expect(again.out).toContain('identical to the previous snapshot');
    expect(again.out).not.toContain('staff:');

    // --json: progress on stderr, one object on stdout; --actor is who asked
    const json = await cli([
      'sync',
      '--school',
      'cli-healthy',
      '--datasets',
      'pupils',
      '--timeout-seconds',
      '25',
      '--json',
      '--actor',
      'dana',
    ]);
    expect(json.code).toBe(0);
    expect(json.err).toContain('pupils: fetched');
    const result = JSON.parse(json.out);
    expect(result).toMatchObject({
      ok: true,
      schoolId: 'cli-healthy',
      requestedBy: 'cli:dana',
      datasets: [{ dataset: 'pupils', status: 'normalised', counts: { student: simulator.school.pupils().length } }],
    });
    expect(await db.collection('sync_runs').findOne({ _id: result.runId })).toMatchObject({ requestedBy: 'cli:dana' });
  });

  it('sync: a failed dataset exits 1 with its fix', async () => {
    const ran = await cli([
      'sync',
      '--school',
      'cli-badkey',
      '--datasets',
      'contacts,staff',
      '--timeout-seconds',
      '25',
    ]);
    expect(ran.code).toBe(1);
    expect(ran.out).toMatch(/^contacts: FAILED at fetch: /m);
    expect(ran.out).toMatch(/^ {2}fix: In iSAMS Control Panel > API Services, check that /m);
    expect(ran.out).toMatch(/^staff: normalised/m);
    expectNoKeys(ran);
  });

  it('sync: an unknown school is refused with a clear message, and nothing is requested', async () => {
    const ran = await cli(['sync', '--school', 'no-such-school']);
    expect(ran.code).toBe(1);
    expect(ran.err).toBe(
      "school 'no-such-school' is not registered (add it with 'isams-sync school add'; see 'isams-sync school list')",
    );
    expect(await db.collection('sync_runs').countDocuments({ schoolId: 'no-such-school' })).toBe(0);
  });
});
