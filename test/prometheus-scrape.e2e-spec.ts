import { QUEUES } from '@isams-sync/messaging';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { METRICS, seriesNames } from '@isams-sync/observability';
import { SchoolRepository } from '@isams-sync/persistence';
import { SecretCipher } from '@isams-sync/secrets';
import { startSimulator, type RunningSimulator } from '../apps/isams-simulator/src/isams-simulator.server';
import {
  PrometheusServer,
  type RunningService,
  registerSimulatedSchool,
  startService,
  TEST_SECRETS_KEY,
  testLogger,
  testServiceEnv,
  waitFor,
} from '@isams-sync/testing';
import { readYamlDocuments } from './deploy/yaml-documents.reader';
import { AttendanceModule } from '../apps/attendance/src/attendance.module';
import { loadAttendanceConfig } from '../apps/attendance/src/config/attendance.config';
import { loadFetcherConfig } from '../apps/fetcher/src/config/fetcher.config';
import { FetcherModule } from '../apps/fetcher/src/fetcher.module';
import { loadImporterConfig } from '../apps/importer/src/config/importer.config';
import { ImporterModule } from '../apps/importer/src/importer.module';
import { loadTransformerConfig } from '../apps/transformer/src/config/transformer.config';
import { TransformerModule } from '../apps/transformer/src/transformer.module';

const SCHOOL = 'scraped-school';
/** London time now ± a margin: a nightly window that is open now, and one that is not (12 hours away). */
function londonWindow(offsetHours: number): { start: string; end: string } {
  const at = (minutes: number) =>
    new Date(Date.now() + (offsetHours * 60 + minutes) * 60_000).toLocaleTimeString('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  return { start: at(-30), end: at(30) };
}
const OPEN_NOW = londonWindow(0);
const CLOSED_NOW = londonWindow(12);
/** 01:30 in London on a November night: inside the school's default nightly window (01:00-03:00). */

/**
 * A real Prometheus (Debian's binary, the repo's test/prometheus/prometheus.yml and the alert rules)
 * scrapes the four apps over HTTP while a simulated school has its night; the per-school gauges and
 * the run counter are then read back through Prometheus' own query API.
 */
describe('Prometheus scrapes the apps during a simulated night', () => {
  let simulator: RunningSimulator;
  let apps: Record<'fetcher' | 'transformer' | 'importer' | 'attendance', RunningService>;
  let prometheus: PrometheusServer;
  let db: mongoose.Connection;
  let schools: SchoolRepository;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 17, pupils: 30, port: 0 });
    // the fetcher's own scheduler starts the night (ticking twice a second) once the school's window is opened below
    const env = testServiceEnv('scrape', {
      SCHEDULER_TICK_MS: '500',
      ATTENDANCE_SCHEDULE_ENABLED: 'false',
      ISAMS_MAX_ATTEMPTS: '2',
      ISAMS_BACKOFF_BASE_MS: '20',
    });
    apps = {
      fetcher: await startService(FetcherModule.forRoot(loadFetcherConfig(env), testLogger()), env),
      transformer: await startService(TransformerModule.forRoot(loadTransformerConfig(env), testLogger()), env),
      importer: await startService(ImporterModule.forRoot(loadImporterConfig(env), testLogger()), env),
      attendance: await startService(AttendanceModule.forRoot(loadAttendanceConfig(env), testLogger()), env),
    };
    db = await mongoose.createConnection(env.MONGO_URL).asPromise();
    schools = await registerSimulatedSchool(db, simulator.school.info(), {
      id: SCHOOL,
      thresholds: { removalPercent: 30, updatePercent: 90 },
      nightlyWindow: CLOSED_NOW,
    });
    const [rule] = readYamlDocuments(join(__dirname, '..', 'k8s', 'base', 'isams-sync.prometheusrule.yaml')) as Array<{
      spec: { groups: unknown[] };
    }>;
    const targets = Object.entries(apps).map(([app, service]) => ({
      url: service.baseUrl,
      labels: { namespace: 'isams-sync', pod: app },
    }));
    prometheus = await PrometheusServer.start(join(__dirname, 'prometheus', 'prometheus.yml'), targets, {
      groups: rule.spec.groups,
    });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await db?.close();
    await apps.attendance.close([QUEUES.attendanceRequested]);
    await apps.importer.close([QUEUES.datasetNormalised, QUEUES.datasetFailed, QUEUES.runDecided]);
    await apps.transformer.close([QUEUES.snapshotFetched]);
    await apps.fetcher.close([QUEUES.syncRequested]);
    await simulator.close();
  });

  it('scrapes all four apps and loads the alert rules', async () => {
    const up = await waitFor(
      'four targets up',
      async () => {
        const samples = await prometheus.query('up{job="isams-sync"} == 1');
        return samples.length === 4 ? samples : undefined;
      },
      20_000,
      250,
    );
    expect(up.map((s) => s.metric.pod).sort()).toEqual(['attendance', 'fetcher', 'importer', 'transformer']);
    const ready = await prometheus.query('isams_sync_ready');
    expect(ready.map((s) => [s.metric.app, s.value]).sort()).toEqual([
      ['attendance', 1],
      ['fetcher', 1],
      ['importer', 1],
      ['transformer', 1],
    ]);
    const rules = await prometheus.get<{ data: { groups: Array<{ rules: unknown[] }> } }>('/api/v1/rules');
    expect(rules.data.groups.flatMap((g) => g.rules).length).toBe(9);
  });

  it("shows the school's night: last success, last outcome, no held runs, and the run counter", async () => {
    await schools.update(SCHOOL, { nightlyWindow: OPEN_NOW });
    const runId = await waitFor(
      'the scheduler to start the night',
      async () => {
        const found = await db.collection('sync_runs').findOne({ schoolId: SCHOOL, trigger: 'schedule' });
        return found?._id;
      },
      20_000,
      200,
    );
    const run = await waitFor(
      'the nightly run to succeed',
      async () => {
        const found = await db.collection('sync_runs').findOne({ _id: runId as never });
        return found?.status === 'succeeded' ? found : undefined;
      },
      60_000,
      200,
    );

    const lastSuccess = await waitFor(
      'the last-success gauge in Prometheus',
      async () => {
        const [sample] = await prometheus.query(`isams_sync_school_last_success_timestamp_seconds{school="${SCHOOL}"}`);
        return sample;
      },
      20_000,
      250,
    );
    expect(lastSuccess.metric).toMatchObject({ app: 'importer', job: 'isams-sync', namespace: 'isams-sync' });
    expect(lastSuccess.value).toBeCloseTo((run.updatedAt as Date).getTime() / 1000, 0);

    const runs = await waitFor(
      'the run counter in Prometheus',
      async () => {
        const samples = await prometheus.query('sum by (outcome, trigger) (isams_sync_runs_total)');
        return samples.length ? samples : undefined;
      },
      20_000,
      250,
    );
    expect(runs).toEqual([{ metric: { outcome: 'succeeded', trigger: 'schedule' }, value: 1 }]);

    const [outcome] = await prometheus.query(`isams_sync_school_last_run_outcome{school="${SCHOOL}"}`);
    expect(outcome).toMatchObject({ metric: { outcome: 'succeeded' }, value: 1 });
    const [registered] = await prometheus.query(`isams_sync_school_registered_timestamp_seconds{school="${SCHOOL}"}`);
    expect(registered.value).toBeLessThanOrEqual(lastSuccess.value);
    const [held] = await prometheus.query(`isams_sync_school_runs_held{school="${SCHOOL}"}`);
    expect(held.value).toBe(0);
    const [breaker] = await prometheus.query(`isams_sync_school_breaker_open{school="${SCHOOL}",dataset="pupils"}`);
    expect(breaker.value).toBe(0);
    const normalised = await prometheus.query('sum(isams_sync_records_normalised_total{dataset="pupils"})');
    expect(normalised[0].value).toBe(simulator.school.pupils().length);
    // the school is fresh: its not-synced alert is not pending
    expect(await prometheus.query(`ALERTS{alertname="IsamsSyncSchoolNotSynced",school="${SCHOOL}"}`)).toEqual([]);
  });

  it('exposes only catalogued isams_sync_ metrics, from the apps the catalogue names', async () => {
    const exposed = await prometheus.query('count by (__name__, app) ({__name__=~"isams_sync_.+"})');
    const catalogue = new Map(
      Object.values(METRICS).flatMap((m) => seriesNames(m).map((name) => [name, m.apps] as const)),
    );
    for (const { metric } of exposed) {
      expect(catalogue.has(metric.__name__)).toBe(true);
      expect([metric.__name__, catalogue.get(metric.__name__)]).toEqual([
        metric.__name__,
        expect.arrayContaining([metric.app]),
      ]);
    }
    const names = new Set(exposed.map((s) => s.metric.__name__));
    for (const metric of [
      METRICS.buildInfo,
      METRICS.ready,
      METRICS.runs,
      METRICS.stepDuration,
      METRICS.recordsNormalised,
      METRICS.usersWritten,
      METRICS.eventsPublished,
      METRICS.outboxPending,
      METRICS.isamsCalls,
      METRICS.breakers,
      METRICS.schoolLastSuccess,
      METRICS.schoolRegistered,
      METRICS.schoolLastRunOutcome,
      METRICS.schoolRunsHeld,
      METRICS.schoolBreakerOpen,
    ]) {
      expect(names).toContain(seriesNames(metric)[0]);
    }
  });

  it('evaluates every dashboard query, and its freshness panel lists the school', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'grafana', 'isams-sync.json'), 'utf8')) as {
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) await expect(prometheus.query(expr)).resolves.toBeDefined();
    }
    const freshness = dashboard.panels.find((p) => p.title.startsWith('Schools by freshness'));
    const rows = await prometheus.query(freshness?.targets[0].expr ?? 'missing');
    expect(rows.find((r) => r.metric.school === SCHOOL)?.value).toBeLessThan(1);
  });

  it("drops the school's series once the school is removed", async () => {
    await SchoolRepository.onConnection(db, SecretCipher.fromBase64(TEST_SECRETS_KEY)).remove(SCHOOL);
    await waitFor(
      'the per-school series to go',
      async () => (await prometheus.query(`{__name__=~"isams_sync_school_.*",school="${SCHOOL}"}`)).length === 0,
      20_000,
      250,
    );
    // per-app series stay: the run happened
    expect((await prometheus.query('sum(isams_sync_runs_total)'))[0].value).toBe(1);
  });
});
