import mongoose from 'mongoose';
import { startSimulator, type RunningSimulator } from '../apps/isams-simulator/src/isams-simulator.server';
import {
  type RunningService,
  registerSimulatedSchool,
  startService,
  testLogger,
  testServiceEnv,
  waitFor,
} from '@isams-sync/testing';
import { captureCli, type Ran } from './support/capture-cli';
import { loadFetcherConfig } from '../apps/fetcher/src/config/fetcher.config';
import { FetcherModule } from '../apps/fetcher/src/fetcher.module';
import { loadImporterConfig } from '../apps/importer/src/config/importer.config';
import { ImporterModule } from '../apps/importer/src/importer.module';
import { loadTransformerConfig } from '../apps/transformer/src/config/transformer.config';
import { TransformerModule } from '../apps/transformer/src/transformer.module';

const DATASETS = ['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos'] as const;
const SCHOOL = 'school-d';
/** At most this many simulated days to find one with a pupil leaving (the simulator has leavers most days). */
const MAX_DAYS = 20;

/**
 * `isams-sync report` and `isams-sync run approve|reject` in process, against the simulator and the
 * fetcher, transformer and importer over the real broker and database.
 */
describe('isams-sync report and run approve|reject, end to end', () => {
  let simulator: RunningSimulator;
  let apps: RunningService[];
  let db: mongoose.Connection;
  let env: Record<string, string>;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 11, pupils: 30, port: 0 });
    for (const d of DATASETS) simulator.school.configureKey(d, { cacheSeconds: 0 });
    env = testServiceEnv('cli-decide', {
      ISAMS_BACKOFF_BASE_MS: '20',
      ISAMS_BACKOFF_CAP_MS: '500',
      ISAMS_MAX_ATTEMPTS: '2',
      ISAMS_BREAKER_RESET_MS: '300',
      SCHEDULER_ENABLED: 'false',
    });
    apps = [
      await startService(FetcherModule.forRoot(loadFetcherConfig(env), testLogger()), env),
      await startService(TransformerModule.forRoot(loadTransformerConfig(env), testLogger()), env),
      await startService(ImporterModule.forRoot(loadImporterConfig(env), testLogger()), env),
    ];
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
    // Thresholds of 1%: one pupil leaving is a change big enough to hold, so approval has something real to apply.
    await registerSimulatedSchool(db, simulator.school.info(), {
      id: SCHOOL,
      thresholds: { removalPercent: 1, updatePercent: 1 },
    });
  });

  afterAll(async () => {
    await db.close();
    await apps[2].close(['importer.dataset-normalised', 'importer.dataset-failed', 'importer.run-decided']);
    await apps[1].close(['transformer.snapshot-fetched']);
    await apps[0].close(['fetcher.sync-requested']);
    await simulator.close();
  });

  async function cli(args: string[]): Promise<Ran> {
    return captureCli(args, env);
  }

  /** `isams-sync sync`, then waits for the importer to decide the run; returns the run id and status. */
  async function sync(): Promise<{ runId: string; status: string }> {
    const ran = await cli(['sync', '--school', SCHOOL, '--timeout-seconds', '30']);
    const runId = /^run (\S+) started$/m.exec(ran.out)?.[1];
    expect(runId).toBeDefined();
    const run = await waitFor(
      'the importer to decide the run',
      async () => {
        const r = await db.collection('sync_runs').findOne({ _id: runId as never });
        return r && ['succeeded', 'partial', 'held', 'failed'].includes(String(r.status)) ? r : undefined;
      },
      30_000,
    );
    return { runId: runId as string, status: String(run.status) };
  }
  const activeStudents = async () =>
    (
      await db
        .collection('users')
        .find({ schoolId: SCHOOL, kind: 'student', active: true })
        .project({ userKey: 1 })
        .toArray()
    )
      .map((u) => String(u.userKey))
      .sort();

  let firstRunId: string;
  let heldRunId: string;

  it('a first sync succeeds, and a run that is not held cannot be approved', async () => {
    const { runId, status } = await sync();
    firstRunId = runId;
    expect(status).toBe('succeeded');
    expect(await activeStudents()).toHaveLength(simulator.school.pupils().length);

    const refused = await cli(['run', 'approve', '--run', runId, '--school', SCHOOL]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`run ${runId} is succeeded, not held`);
  });

  it('report: an empty pupils feed is held, and the report says why', async () => {
    simulator.school.runScenario('empty-pupils');
    const { runId, status } = await sync();
    heldRunId = runId;
    expect(status).toBe('held');

    const ran = await cli(['report', '--school', SCHOOL]);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain(`run ${runId} (school ${SCHOOL})`);
    expect(ran.out).toMatch(/^outcome: held$/m);
    expect(ran.out).toMatch(/^ {2}- the pupils dataset came back empty/m);
    expect(ran.out).toMatch(/^dataset\s+status\s+records\s+findings\s+http\s+bytes/m);
    expect(ran.out).toMatch(/^pupils\s+normalised\s+0 student\s+1\s+200\s+\d+\s+\d+\s+\d+/m);
    expect(ran.out).toMatch(/^students(\s+\d+){6}$/m);

    const json = JSON.parse((await cli(['report', '--school', SCHOOL, '--run', firstRunId, '--json'])).out);
    expect(json).toMatchObject({
      runId: firstRunId,
      outcome: 'succeeded',
      counts: { students: { created: simulator.school.pupils().length } },
    });
    expect(typeof json.eventsPublished).toBe('number');
  });

  it('runs list: the held run across schools, newest first, with its age and why it was held', async () => {
    const held = JSON.parse((await cli(['runs', 'list', '--status', 'held', '--json'])).out);
    expect(held.runs).toEqual([
      expect.objectContaining({
        schoolId: SCHOOL,
        runId: heldRunId,
        status: 'held',
        trigger: 'on-demand',
        reason: expect.stringContaining('the pupils dataset came back empty'),
      }),
    ]);
    expect(held.runs[0].ageSeconds).toBeLessThan(120);
    const all = await cli(['runs', 'list', '--school', SCHOOL]);
    expect(all.code).toBe(0);
    const lines = all.out.split('\n');
    expect(lines[0]).toMatch(/^school\s+run\s+status\s+trigger\s+age\s+by\s+reason$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${SCHOOL}\\s+${heldRunId}\\s+held\\s+on-demand\\s+\\d+s\\s+cli:\\S+\\s+\\d+ of \\d+ student users \\(100%\\) would be deactivated`,
      ),
    );
    expect(lines[2]).toMatch(new RegExp(`^${SCHOOL}\\s+${firstRunId}\\s+succeeded`));
    // the first run succeeded moments ago: the school is not stale
    expect(JSON.parse((await cli(['runs', 'list', '--stale-hours', '26', '--json'])).out).runs).toEqual([]);
  });

  it('run reject: the held run ends rejected, nothing applied, and the report records who and why', async () => {
    const before = await activeStudents();
    const ran = await cli([
      'run',
      'reject',
      '--run',
      heldRunId,
      '--school',
      SCHOOL,
      '--reason',
      'feed was empty',
      '--actor',
      'carol',
    ]);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.out).toContain(`run ${heldRunId} rejected: nothing was applied`);
    expect((await db.collection('sync_runs').findOne({ _id: heldRunId as never }))?.status).toBe('rejected');
    expect(await activeStudents()).toEqual(before);

    const report = await cli(['report', '--school', SCHOOL, '--run', heldRunId]);
    expect(report.out).toMatch(/^decision: rejected by cli:carol at \S+ \(feed was empty\)$/m);
    const listed = JSON.parse((await cli(['runs', 'list', '--status', 'rejected', '--json'])).out);
    expect(listed.runs).toEqual([
      expect.objectContaining({ runId: heldRunId, reason: 'rejected by cli:carol: feed was empty' }),
    ]);

    const again = await cli(['run', 'reject', '--run', heldRunId, '--school', SCHOOL]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('is rejected, not held');
  });

  it('run approve: a legitimate big change held by the guard is applied as planned', async () => {
    simulator.school.runScenario('restore-feeds');
    const leavers: string[] = [];
    for (let day = 0; day < MAX_DAYS && leavers.length === 0; day += 1) {
      for (const change of simulator.school.advanceDay())
        if (change.type === 'leaver') leavers.push(`student:${(change as { schoolId: string }).schoolId}`);
    }
    expect(leavers.length).toBeGreaterThan(0);
    const before = await activeStudents();
    const known = leavers.filter((key) => before.includes(key));
    expect(known.length).toBeGreaterThan(0);

    const { runId, status } = await sync();
    expect(status).toBe('held');
    expect(await activeStudents()).toEqual(before);
    const held = await cli(['report', '--school', SCHOOL, '--run', runId]);
    expect(held.out).toMatch(/would be deactivated, above the 1% threshold/);

    // the held plan lists each leaver
    const withPlan = await cli(['report', '--school', SCHOOL, '--run', runId, '--plan']);
    expect(withPlan.code).toBe(0);
    for (const key of known)
      expect(withPlan.out).toMatch(new RegExp(`^ {2}deactivate student ${key} .*\\(left-pupils\\)$`, 'm'));
    const planJson = JSON.parse((await cli(['report', '--school', SCHOOL, '--run', runId, '--plan', '--json'])).out);
    expect(planJson.planEntries).toEqual(
      expect.arrayContaining(
        known.map((userKey) => expect.objectContaining({ target: 'user', userKey, change: 'deactivate' })),
      ),
    );

    // SchoolsBuddy changed since the hold (someone deactivated a leaver by hand): approving that plan
    // would not apply what was reviewed, so the run stays held with its new plan
    await db.collection('users').updateOne({ schoolId: SCHOOL, userKey: known[0] }, { $set: { active: false } });
    const stale = await cli(['run', 'approve', '--run', runId, '--school', SCHOOL]);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain(`run ${runId} is held again, nothing applied: its plan changed since it was held`);
    expect((await db.collection('sync_runs').findOne({ _id: runId as never }))?.status).toBe('held');
    const replanned = await cli(['report', '--school', SCHOOL, '--run', runId, '--plan']);
    expect(replanned.out).not.toContain(`deactivate student ${known[0]} `);

    const ran = await cli(['run', 'approve', '--run', runId, '--school', SCHOOL, '--reason', 'real leavers']);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.out).toContain(`run ${runId} approved and applied: succeeded`);
    const after = await activeStudents();
    for (const key of known) expect(after).not.toContain(key);

    const report = JSON.parse((await cli(['report', '--school', SCHOOL, '--run', runId, '--json'])).out);
    expect(report).toMatchObject({ outcome: 'succeeded', decision: { decision: 'approve', reason: 'real leavers' } });
    expect(report.counts.students.deactivated).toBeGreaterThanOrEqual(known.length - 1);
  });

  it('sync --dry-run prints the plan and changes nothing', async () => {
    const joiners: string[] = [];
    for (let day = 0; day < MAX_DAYS && joiners.length === 0; day += 1) {
      for (const change of simulator.school.advanceDay())
        if (change.type === 'joiner') joiners.push(`student:${(change as { schoolId: string }).schoolId}`);
    }
    expect(joiners.length).toBeGreaterThan(0);
    const usersBefore = await db.collection('users').find({ schoolId: SCHOOL }).sort({ _id: 1 }).toArray();
    const ran = await cli(['sync', '--school', SCHOOL, '--dry-run', '--timeout-seconds', '30']);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/^dry run \S+: planned; nothing was changed in SchoolsBuddy$/m);
    expect(ran.out).toMatch(/^plan: \d+ changes?$/m);
    expect(ran.out).toMatch(/^a real run would be held by the mass-change guard:$/m); // this school's thresholds are 1%
    expect(
      (await db.collection('sync_runs').findOne({ _id: /^dry run (\S+):/m.exec(ran.out)?.[1] as never }))?.status,
    ).toBe('planned');
    for (const key of joiners) expect(ran.out).toMatch(new RegExp(`^ {2}create +student ${key} `, 'm'));
    expect(await db.collection('users').find({ schoolId: SCHOOL }).sort({ _id: 1 }).toArray()).toEqual(usersBefore);
  });
});
