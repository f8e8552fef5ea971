import mongoose from 'mongoose';
import {
  RunReportRepository,
  SchoolRepository,
  schoolSyncHealth,
  type SyncRun,
  SyncRunRepository,
  type SyncRunStatus,
} from '@isams-sync/persistence';
import { loadCliConfig } from '../config/cli.config';
import { formatRunsTable, runRow, type RunRow } from '../runs/runs-list.formatter';
import { type CliEnv, CliUsageError, type CliIo, exitWith, positiveNumber, type RegisterCommand } from './command';

const STATUSES: readonly SyncRunStatus[] = [
  'requested',
  'fetching',
  'transforming',
  'importing',
  'succeeded',
  'partial',
  'held',
  'planned',
  'failed',
  'rejected',
];
const DEFAULT_LIMIT = 50;

const HELP = `
Lists runs across schools, newest first: school, run id, status (outcome), trigger, age (since the run
last changed), who requested it, and why it ended as it did (the guard's reasons for a held run, the
failed datasets, who approved or rejected it). Reads the database only (no SECRETS_KEY needed).
  --status held,failed    only runs in these statuses (${STATUSES.join(', ')})
  --stale-hours 26        only schools whose latest successful run is older than this (or that never
                          succeeded): their latest run, or 'none' when they have never run
  --school ID             only this school
  --limit N               at most N runs (default ${DEFAULT_LIMIT})
  --json                  one JSON object: { runs: [...] } with ageSeconds and createdAt
Environment: MONGO_URL.
Exit 0 (also when nothing matches), 2 on a usage mistake.`;

interface RunsOptions {
  status?: string;
  staleHours?: number;
  school?: string;
  limit: number;
  json?: boolean;
}

export const registerRuns: RegisterCommand = (program, ctx) => {
  const runs = program.command('runs').summary('list runs across schools: held, failed, stale');
  runs
    .command('list')
    .summary('list runs across schools, newest first, with outcome, age and reason')
    .option('--status <a,b>', 'only runs in these statuses')
    .option('--stale-hours <h>', 'only schools without a successful run for this long', positiveNumber('--stale-hours'))
    .option('--school <id>', 'only this school')
    .option('--limit <n>', 'at most this many runs', positiveNumber('--limit'), DEFAULT_LIMIT)
    .option('--json', 'one JSON object')
    .addHelpText('after', HELP)
    .action(exitWith(ctx, (values: RunsOptions) => listRuns(values, ctx.io, ctx.env)));
};

function parseStatuses(text: string | undefined): SyncRunStatus[] | undefined {
  if (text === undefined) return undefined;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !STATUSES.includes(n as SyncRunStatus));
  if (names.length === 0 || unknown.length)
    throw new CliUsageError(
      `--status takes a comma-separated list of ${STATUSES.join(', ')}${unknown.length ? ` (not: ${unknown.join(', ')})` : ''}`,
    );
  return names as SyncRunStatus[];
}

async function listRuns(values: RunsOptions, io: CliIo, env?: CliEnv): Promise<number> {
  const statuses = parseStatuses(values.status);
  const config = loadCliConfig(env);
  const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const runs = SyncRunRepository.onConnection(connection);
    const reports = RunReportRepository.onConnection(connection);
    const now = new Date();
    const found =
      values.staleHours === undefined
        ? await runs.listRuns({ statuses, schoolId: values.school, limit: values.limit })
        : await staleSchoolsLatest(connection, runs, values.staleHours, now, values.school);
    const rows: RunRow[] = [];
    for (const entry of found.slice(0, values.limit)) {
      if ('never' in entry)
        rows.push({
          schoolId: entry.schoolId,
          runId: '-',
          status: 'none',
          trigger: '-',
          requestedBy: '-',
          dryRun: false,
          createdAt: null,
          ageSeconds: null,
          reason: 'no run yet',
        });
      else if (!statuses || statuses.includes(entry.status))
        rows.push(runRow(entry, await reports.report(entry.schoolId, entry._id), now));
    }
    if (values.json) io.out(JSON.stringify({ runs: rows }));
    else for (const line of formatRunsTable(rows)) io.out(line);
    return 0;
  } finally {
    await connection.close();
  }
}

/** Per registered school without a successful run in `hours`: its latest run, or a marker when it never ran. */
async function staleSchoolsLatest(
  connection: mongoose.Connection,
  runs: SyncRunRepository,
  hours: number,
  now: Date,
  only?: string,
): Promise<Array<SyncRun | { never: true; schoolId: string }>> {
  const result: Array<SyncRun | { never: true; schoolId: string }> = [];
  for (const id of (await SchoolRepository.idsOnConnection(connection)).filter((s) => !only || s === only)) {
    const health = schoolSyncHealth(id, [], await runs.lastSucceeded(id));
    if (health.lastSuccessAt && now.getTime() - health.lastSuccessAt.getTime() < hours * 3_600_000) continue;
    const latest = await runs.latestOf(id);
    result.push(latest ?? { never: true, schoolId: id });
  }
  return result.sort(
    (a, b) => ('never' in b ? 0 : (b.createdAt?.getTime() ?? 0)) - ('never' in a ? 0 : (a.createdAt?.getTime() ?? 0)),
  );
}
