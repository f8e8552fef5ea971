import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import { buildEnvelope, syncRequestedV1 } from '@isams-sync/contracts';
import { DATASETS, type Dataset, isDataset } from '@isams-sync/isams';
import {
  NormalisedRecordRepository,
  RunPlanRepository,
  RunReportRepository,
  RawSnapshotRepository,
  SchoolRepository,
  SyncRunRepository,
} from '@isams-sync/persistence';
import { SecretCipher } from '@isams-sync/secrets';
import { loadCliConfig, requireSecretsKey } from '../config/cli.config';
import { loadPlan, printPlan } from '../report/plan-printer';
import {
  cacheNote,
  datasetsForSync,
  type FetchProgress,
  pendingDatasets,
  SyncProgressPrinter,
  syncSummary,
} from '../sync/sync-progress.formatter';
import { cliActor, publishOnce } from './cli-messaging';
import { type CliEnv, CliUsageError, type CliIo, exitWith, positiveNumber, type RegisterCommand } from './command';

const DEFAULT_TIMEOUT_SECONDS = 600;
/** How often the run is read while following it: often enough to feel live, rare enough to cost nothing. */
const POLL_INTERVAL_MS = 250;

const HELP = `
Asks the fetcher to sync a school now (sync.requested.v1 over RabbitMQ) and follows the run: each dataset
is printed as it is fetched, normalised or fails (with the fix), until every dataset has an outcome.
  --datasets a,b         only these (${DATASETS.join(', ')}); default: every dataset the school has a key for
  --dry-run              plan without changing SchoolsBuddy, and print the plan (one line per change)
  --no-wait              request the run and exit
  --timeout-seconds N    stop following after N seconds (default ${DEFAULT_TIMEOUT_SECONDS}); exit 1 with what is pending
  --actor NAME           recorded as who requested the run (default ISAMS_SYNC_ACTOR; required when NODE_ENV=production)
  --json                 progress goes to stderr; stdout gets one JSON object: the run and each dataset's outcome
If a dataset was fetched less than 3 hours ago, iSAMS may answer from its cache (the key's cache window).
Environment: MONGO_URL, AMQP_URL, MESSAGING_PREFIX (as the services), SECRETS_KEY (required).
Exit 0 when every dataset normalised (or the request was sent, with --no-wait), 1 when one failed, the
school is unknown or disabled, or the timeout passed; 2 on a usage mistake.`;

function parseDatasets(text: string | undefined): Dataset[] {
  if (text === undefined) return [];
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !isDataset(n));
  if (names.length === 0 || unknown.length > 0)
    throw new CliUsageError(
      `--datasets takes a comma-separated list of ${DATASETS.join(', ')}${unknown.length ? ` (not: ${unknown.join(', ')})` : ''}`,
    );
  return names.filter(isDataset);
}

async function publishRequest(
  config: ReturnType<typeof loadCliConfig>,
  schoolId: string,
  data: { datasets: Dataset[]; dryRun: boolean; requestedBy: string },
): Promise<string> {
  const request = buildEnvelope(syncRequestedV1, {
    schoolId,
    data: {
      trigger: 'on-demand',
      requestedBy: data.requestedBy,
      dryRun: data.dryRun,
      ...(data.datasets.length > 0 ? { datasets: data.datasets } : {}),
    },
  });
  await publishOnce(config, syncRequestedV1.routingKey, request);
  return request.eventId;
}

/** Reads the run until every dataset has an outcome or the deadline passes. */
async function follow(
  connection: mongoose.Connection,
  schoolId: string,
  eventId: string,
  expected: readonly Dataset[],
  deadline: number,
  io: CliIo,
): Promise<number> {
  const runs = SyncRunRepository.onConnection(connection);
  const results = NormalisedRecordRepository.onConnection(connection);
  const printer = new SyncProgressPrinter();
  let runId: string | undefined;
  for (;;) {
    const run = await runs.findByRunKey(schoolId, `request:${eventId}`);
    if (run && runId === undefined) {
      runId = run._id;
      io.out(`run ${runId} started`);
    }
    const outcomes = run
      ? (await results.outcomes(schoolId, run._id)).filter((o) => expected.includes(o.dataset as Dataset))
      : [];
    for (const line of printer.update((run?.fetch ?? {}) as Record<string, FetchProgress>, outcomes)) io.out(line);
    if (run && pendingDatasets(expected, outcomes).length === 0) {
      const summary = syncSummary(run._id, outcomes);
      io.out(summary.line);
      if (run.dryRun && summary.code === 0) return printDryRunPlan(connection, schoolId, run._id, deadline, io);
      return summary.code;
    }
    if (Date.now() >= deadline) {
      if (!run)
        io.err(
          `no run was created for the request (event ${eventId}) in time: is the fetcher running, with the same MESSAGING_PREFIX?`,
        );
      else
        io.err(`timed out following run ${run._id}; still pending: ${pendingDatasets(expected, outcomes).join(', ')}`);
      return 1;
    }
    await delay(POLL_INTERVAL_MS);
  }
}

/** A dry run ends when the importer has planned it: print the plan it would have applied. */
async function printDryRunPlan(
  connection: mongoose.Connection,
  schoolId: string,
  runId: string,
  deadline: number,
  io: CliIo,
): Promise<number> {
  const reports = RunReportRepository.onConnection(connection);
  for (;;) {
    const report = await reports.report(schoolId, runId);
    if (report && typeof report.eventsPublished === 'number') {
      const plan = await loadPlan(RunPlanRepository.onConnection(connection), schoolId, runId, report);
      if (!plan) {
        io.err(`run ${runId} was planned but stored no plan`);
        return 1;
      }
      io.out(`dry run ${runId}: ${String(report.outcome)}; nothing was changed in SchoolsBuddy`);
      const wouldHold = Array.isArray(report.heldReasons) ? (report.heldReasons as string[]) : [];
      if (wouldHold.length)
        io.out(`a real run would be held by the mass-change guard:\n${wouldHold.map((r) => `  - ${r}`).join('\n')}`);
      printPlan(plan, io);
      return 0;
    }
    if (Date.now() >= deadline) {
      io.err(
        `timed out waiting for the importer to plan run ${runId}: is the importer running, with the same MESSAGING_PREFIX?`,
      );
      return 1;
    }
    await delay(POLL_INTERVAL_MS);
  }
}

interface SyncOptions {
  school: string;
  datasets?: string;
  dryRun?: boolean;
  wait: boolean;
  timeoutSeconds: number;
  actor?: string;
  json?: boolean;
}

export const registerSync: RegisterCommand = (program, ctx) => {
  program
    .command('sync')
    .summary('sync a school now (fetch, transform, import) and follow the run')
    .requiredOption('--school <id>', 'the school')
    .option('--datasets <a,b>', `only these (${DATASETS.join(', ')})`)
    .option('--dry-run', 'plan without changing SchoolsBuddy, and print the plan')
    .option('--no-wait', 'request the run and exit')
    .option(
      '--timeout-seconds <n>',
      'stop following after this long',
      positiveNumber('--timeout-seconds'),
      DEFAULT_TIMEOUT_SECONDS,
    )
    .option('--actor <name>', 'who requests the run')
    .option('--json', 'one JSON object on stdout (progress on stderr)')
    .addHelpText('after', HELP)
    .action(exitWith(ctx, (values: SyncOptions) => sync(values, ctx.io, ctx.env)));
};

async function sync(values: SyncOptions, out: CliIo, env?: CliEnv): Promise<number> {
  const requested = parseDatasets(values.datasets);
  // with --json, stdout carries only the result: progress lines go to stderr
  const io: CliIo = values.json ? { out: out.err, err: out.err } : out;
  const config = loadCliConfig(env);
  const requestedBy = cliActor(config, values.actor);
  const cipher = SecretCipher.fromBase64(requireSecretsKey(config));
  const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const school = await SchoolRepository.onConnection(connection, cipher).getPublic(values.school);
    if (!school) {
      io.err(
        `school '${values.school}' is not registered (add it with 'isams-sync school add'; see 'isams-sync school list')`,
      );
      return 1;
    }
    if (!school.enabled) {
      io.err(
        `school '${school.id}' is disabled: enable it with 'isams-sync school update --id ${school.id} --enabled true' to sync it`,
      );
      return 1;
    }
    const { datasets, unavailable } = datasetsForSync(school, requested);
    if (unavailable.length > 0) {
      io.err(
        `school '${school.id}' cannot sync ${unavailable.join(', ')}: no key registered${unavailable.includes('medical') ? ' (or medical not opted in)' : ''}`,
      );
      return 1;
    }
    const snapshots = RawSnapshotRepository.onConnection(connection);
    const latest: Partial<Record<Dataset, Date>> = {};
    for (const dataset of datasets) {
      const snapshot = await snapshots.latest(school.id, dataset);
      if (snapshot) latest[dataset] = new Date(snapshot.fetchedAt);
    }
    const note = cacheNote(latest, new Date());
    if (note) io.out(note);

    const eventId = await publishRequest(config, school.id, {
      datasets: requested,
      dryRun: values.dryRun === true,
      requestedBy,
    });
    io.out(
      `requested a sync of ${school.id} (${datasets.join(', ')}${values.dryRun ? ', dry run' : ''}); request ${eventId}`,
    );
    if (!values.wait) return values.json ? await printJson(out, connection, school.id, eventId, 0) : 0;
    const code = await follow(connection, school.id, eventId, datasets, Date.now() + values.timeoutSeconds * 1000, io);
    return values.json ? await printJson(out, connection, school.id, eventId, code) : code;
  } finally {
    await connection.close();
  }
}

/** The run as --json prints it: its id and status, and each dataset's outcome with counts or the fix. */
async function printJson(
  io: CliIo,
  connection: mongoose.Connection,
  schoolId: string,
  eventId: string,
  code: number,
): Promise<number> {
  const run = await SyncRunRepository.onConnection(connection).findByRunKey(schoolId, `request:${eventId}`);
  const outcomes = run ? await NormalisedRecordRepository.onConnection(connection).outcomes(schoolId, run._id) : [];
  const datasets = outcomes.map((o) => ({
    dataset: o.dataset,
    status: o.status,
    ...(o.counts ? { counts: o.counts } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.fix ? { fix: o.fix } : {}),
  }));
  io.out(
    JSON.stringify({
      ok: code === 0,
      schoolId,
      request: eventId,
      runId: run?._id ?? null,
      status: run?.status ?? null,
      requestedBy: run?.requestedBy ?? null,
      datasets,
    }),
  );
  return code;
}
