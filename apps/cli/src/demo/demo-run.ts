import path from 'node:path';
import { ATTENDANCE_SESSIONS, type AttendanceStatus } from '@isams-sync/contracts';
import { loadCliConfig } from '../config/cli.config';
import {
  type DemoAttendance,
  type EventsSummary,
  formatEvents,
  formatRun,
  PIPELINE_APPS,
  PipelineSession,
  type RunSummary,
  runDemoAttendance,
  summariseEvents,
  summariseRun,
} from '@isams-sync/demo';
import { formatRunReport, type RunReportView } from '../report/run-report.formatter';
import type { CliIo } from '../commands/command';
import type { PupilRecord } from '@isams-sync/simulator';

// The demo itself, loaded only when `isams-sync demo` runs: it needs the simulator, which the production image
// leaves out (the demo image has it).

const DEMO_PREFIX = 'demo.';
const SCHOOL_ID = 'demo-school';
const SYNC_TIMEOUT_MS = 30 * 60_000;
interface AttendanceJson {
  date: string;
  AM?: {
    status: string;
    marks: Record<AttendanceStatus, number>;
    eventsPublished: number;
    findings: number;
    error?: string;
  };
  PM?: AttendanceJson['AM'];
  absent: Array<{ isamsId: string; name: string; AM?: AttendanceStatus; PM?: AttendanceStatus }>;
}

export interface DemoSummary {
  ok: boolean;
  error?: string;
  school: { id: string; name: string; pupils: number };
  database: string;
  kept: boolean;
  runs: RunSummary[];
  /** the stored reports, printed with the report command's formatter (not in --json: runs[] has the figures) */
  reports: RunReportView[];
  dayChanges: Record<string, number>;
  attendance: AttendanceJson | null;
  events: EventsSummary;
  seconds: number;
}

export async function runDemo(
  options: { pupils: number; seed: number; keep: boolean },
  io: CliIo,
  env?: Record<string, string | undefined>,
): Promise<DemoSummary> {
  const config = loadCliConfig(env);
  const started = performance.now();
  const progress = (line: string) =>
    io.err(`[demo ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}`);
  const database = `isams-sync-demo-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}`;
  // dist/apps/cli/src/demo/demo-run.js → dist/
  const distRoot = path.resolve(__dirname, '..', '..', '..', '..');
  const session = new PipelineSession({
    amqpUrl: config.AMQP_URL,
    mongoUrl: config.MONGO_URL,
    database,
    prefix: DEMO_PREFIX,
    pupils: options.pupils,
    seed: options.seed,
    schoolId: SCHOOL_ID,
    apps: PIPELINE_APPS,
    distRoot,
    progress,
  });
  const summary: DemoSummary = {
    ok: false,
    school: { id: SCHOOL_ID, name: '', pupils: options.pupils },
    database,
    kept: options.keep,
    runs: [],
    reports: [],
    dayChanges: {},
    attendance: null,
    events: summariseEvents([]),
    seconds: 0,
  };
  let step = 'starting the system';
  try {
    await session.start();
    summary.school.name = session.info.name;
    step = 'registering the school';
    await session.registerSchool();

    const syncAndRecord = async (label: string) => {
      const result = await session.sync(label.toLowerCase(), SYNC_TIMEOUT_MS);
      summary.runs.push(summariseRun(label, result.runId, result.seconds, result.report));
      summary.reports.push({ ...result.report, runId: result.runId });
      progress(
        `${label.toLowerCase()}: ${result.report.outcome}, ${result.report.userWrites} user writes, ${result.report.eventsPublished} events`,
      );
    };

    step = 'the first (full) nightly sync';
    await syncAndRecord('First sync');

    step = 'advancing the school by a day';
    const { changes, today } = await session.advanceDay();
    for (const change of changes) summary.dayChanges[change.type] = (summary.dayChanges[change.type] ?? 0) + 1;
    progress(
      `advanced the school to ${today}: ${
        Object.entries(summary.dayChanges)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ') || 'no changes'
      }`,
    );
    // A real iSAMS key caches its response (2 h by default here, set per key in iSAMS): the day's
    // changes would only show once the cache expires. The simulator's cache is turned off instead.
    await session.turnOffBatchCache();
    progress(
      "turned the simulator's Batch cache off (a real iSAMS key caches its response, so a sync within its cache window sees yesterday's data)",
    );

    step = 'the second sync (a day of changes)';
    await syncAndRecord('Day-of-changes sync');

    step = 'the AM and PM attendance pulls';
    progress('asking the attendance service for an AM and a PM pull (iSAMS REST API, real time)');
    const attendance = await runDemoAttendance({
      db: session.requireDb(),
      messaging: session.messaging!,
      school: session.info,
      schoolId: SCHOOL_ID,
      secretsKey: session.secretsKey,
      timeoutMs: 120_000,
    });
    summary.attendance = attendanceJson(attendance, await session.pupils());
    const attendanceEvents = ATTENDANCE_SESSIONS.reduce(
      (n, s) => n + (attendance.sessions[s]?.eventsPublished ?? 0),
      0,
    );
    await session.tap!.waitFor((e) => e.routingKey.startsWith('attendance.changed'), attendanceEvents, 30_000);
    progress(
      `attendance: ${ATTENDANCE_SESSIONS.map((s) => `${s} ${attendance.sessions[s]?.status ?? 'no pull'}`).join(', ')}, ${attendance.absent.length} pupils absent`,
    );

    summary.events = summariseEvents(session.tap!.events);
    const problems = [
      ...summary.runs
        .filter((r) => r.outcome !== 'succeeded')
        .map(
          (r) =>
            `${r.label} ended ${r.outcome}${r.heldReasons.length ? ` (${r.heldReasons.join('; ')})` : ''}${r.failedDatasets.length ? ` (failed: ${r.failedDatasets.join('; ')})` : ''}`,
        ),
      ...ATTENDANCE_SESSIONS.filter((s) => attendance.sessions[s]?.status !== 'succeeded').map(
        (s) =>
          `the ${s} attendance pull ${attendance.sessions[s]?.error ? `failed: ${attendance.sessions[s]?.error}` : 'did not succeed'}`,
      ),
    ];
    summary.ok = problems.length === 0;
    if (problems.length) summary.error = problems.join('; ');
  } catch (error) {
    summary.error = `${step} failed: ${(error as Error).message}`;
    summary.events = summariseEvents(session.tap?.events ?? []);
    for (const line of session.appLogs()) progress(`logs of ${line}`);
  } finally {
    progress(
      `stopping everything the demo started${options.keep ? ` (keeping database ${database})` : ` and dropping database ${database}`}`,
    );
    await session.stop(options.keep).catch((error: Error) => progress(`stopping failed: ${error.message}`));
    summary.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  }
  return summary;
}

function attendanceJson(attendance: DemoAttendance, pupils: readonly PupilRecord[]): AttendanceJson {
  const names = new Map(pupils.map((p) => [p.schoolId, `${p.forename} ${p.surname}`]));
  return {
    date: attendance.date,
    ...Object.fromEntries(
      ATTENDANCE_SESSIONS.filter((s) => attendance.sessions[s]).map((s) => [s, attendance.sessions[s]]),
    ),
    absent: attendance.absent.map((a) => ({ ...a, name: names.get(a.isamsId) ?? '(unknown pupil)' })),
  };
}

export function printSummary(summary: DemoSummary, io: CliIo): void {
  io.out(`\nSchool: ${summary.school.name} (${summary.school.pupils} pupils), registered as '${summary.school.id}'`);
  for (const [index, run] of summary.runs.entries()) {
    if (index === 1)
      io.out(
        `\nThe school advanced a day: ${
          Object.entries(summary.dayChanges)
            .map(([t, n]) => `${n} ${t}`)
            .join(', ') || 'no changes'
        }`,
      );
    io.out('');
    const report = summary.reports[index];
    // the stored report through the report command's formatter; the demo's own table when there is none
    const lines = formatRun(run);
    if (!report) lines.forEach((line) => io.out(line));
    else [lines[0], '', ...formatRunReport(report).split('\n')].forEach((line) => io.out(`  ${line}`.trimEnd()));
  }
  const attendance = summary.attendance;
  if (attendance) {
    io.out(`\nAttendance on ${attendance.date}:`);
    for (const s of ATTENDANCE_SESSIONS) {
      const pull = attendance[s];
      if (!pull) continue;
      const marks = Object.entries(pull.marks)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `${n} ${status}`)
        .join(', ');
      io.out(
        `  ${s}: ${pull.status}, ${marks || 'no marks'}; ${pull.eventsPublished} events${pull.findings ? `, ${pull.findings} findings` : ''}${pull.error ? ` (${pull.error})` : ''}`,
      );
    }
    io.out(`  absent (${attendance.absent.length}):`);
    const shown = attendance.absent.slice(0, 15);
    for (const a of shown)
      io.out(`    ${a.name.padEnd(28)} ${a.isamsId.padEnd(14)} AM ${(a.AM ?? '-').padEnd(20)} PM ${a.PM ?? '-'}`);
    if (attendance.absent.length > shown.length)
      io.out(`    … and ${attendance.absent.length - shown.length} more (--json lists all)`);
  }
  io.out('');
  formatEvents(summary.events).forEach((line) => io.out(line));
  io.out(`\nDatabase ${summary.database} ${summary.kept ? 'kept' : 'dropped'}; took ${summary.seconds} s.`);
  io.out(summary.ok ? 'Demo finished: OK' : `Demo FAILED: ${summary.error}`);
}
