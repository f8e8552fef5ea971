/**
 * The whole nightly pipeline for one simulated school, end to end, as it runs in production: the
 * simulator, fetcher, transformer and importer from dist/ as their own processes
 * (so each app's peak memory is its own, read from /proc/<pid>/status VmHWM), the real RabbitMQ and
 * MongoDB-compatible server. A benchmark, not a test: it prints figures and asserts nothing.
 *
 *   npm run bench [-- --pupils 3000] [-- --json]
 *
 * Three phases, each timed from publishing sync.requested.v1 to the importer's report with its
 * events confirmed and received on a queue bound to the public exchange: the first sync (every user
 * new), an unchanged re-sync (the target: no user writes, no events), and a day of changes (the
 * simulator's day advance over its control API, with its Batch cache off). Then two floors in the same run: parsing the
 * same Batch documents with fast-xml-parser alone, and one unordered bulk insert of as many user
 * documents as the school has, into a scratch collection. With --json the last line is one JSON
 * object with every figure.
 */
import 'reflect-metadata';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { DATASET_METHODS, type Dataset } from '@isams-sync/isams';
import { generateSchool, renderBatchDocument } from '@isams-sync/simulator';
import { PipelineSession, type SyncResult } from '@isams-sync/demo';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`);
  return value;
}

interface Phase {
  seconds: number;
  userWrites: number;
  events: number;
  records: number;
  recordsPerSecond: number;
  outcome: string;
  /** Where the time went: the transformer's milliseconds per dataset, the importer's per step. */
  transformMs: Record<string, number>;
  importMs: Record<string, number>;
}

/** Records the transformer normalised in the run (every dataset's record counts). */
function datasetsOf(
  result: SyncResult,
): Array<{ dataset: string; records?: Record<string, number>; transformMs?: number }> {
  return Array.isArray(result.report.datasets) ? (result.report.datasets as ReturnType<typeof datasetsOf>) : [];
}

function recordsOf(result: SyncResult): number {
  const datasets = datasetsOf(result);
  return datasets.reduce((sum, d) => sum + Object.values(d.records ?? {}).reduce((a, b) => a + b, 0), 0);
}

function phaseOf(result: SyncResult): Phase {
  const records = recordsOf(result);
  return {
    seconds: Number(result.seconds.toFixed(2)),
    userWrites: result.report.userWrites,
    events: result.report.eventsPublished,
    records,
    recordsPerSecond: Math.round(records / result.seconds),
    outcome: result.report.outcome,
    transformMs: Object.fromEntries(datasetsOf(result).map((d) => [d.dataset, d.transformMs ?? 0])),
    importMs: (result.report.importTimingsMs as Record<string, number> | undefined) ?? {},
  };
}

async function main(): Promise<void> {
  const pupils = option('pupils', 3000);
  const json = process.argv.includes('--json');
  const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const session = new PipelineSession({
    amqpUrl: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    mongoUrl: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/isams-sync',
    database: `isams-sync-bench-${Date.now()}`,
    prefix: 'bench.',
    pupils,
    seed: 42,
    schoolId: 'bench-school',
    apps: ['fetcher', 'transformer', 'importer'],
    // dist/bench/pipeline.bench.js → dist/
    distRoot: path.resolve(__dirname, '..'),
    progress,
  });
  const timeoutMs = 60 * 60_000;
  let result: Record<string, unknown> | undefined;
  try {
    await session.start();
    await session.registerSchool();
    const datasets = Object.keys(session.info.keys) as Dataset[];
    // Before each run: a real key caches; the figures are for fresh responses.
    await session.turnOffBatchCache();
    const firstSync = phaseOf(await session.sync('first sync', timeoutMs));
    progress(`first sync: ${JSON.stringify(firstSync)}`);
    const unchangedResync = phaseOf(await session.sync('unchanged re-sync', timeoutMs));
    progress(`unchanged re-sync: ${JSON.stringify(unchangedResync)}`);
    const { changes } = await session.advanceDay();
    await session.turnOffBatchCache();
    const dayOfChanges = { ...phaseOf(await session.sync('day of changes', timeoutMs)), schoolChanges: changes.length };
    progress(`day of changes: ${JSON.stringify(dayOfChanges)}`);
    const peakRssMb = Object.fromEntries(
      Object.entries(session.peakMemory()).map(([app, kb]) => [app, kb === undefined ? null : Math.round(kb / 1024)]),
    );

    // Floor 1: the same documents through fast-xml-parser alone, no mapping, no limits. The simulator runs in its own
    // process; the same seed and size advanced the same day give the same school here, byte for byte.
    const school = generateSchool({ seed: session.options.seed, pupils });
    school.advanceDay();
    const documents = datasets.map((d) => renderBatchDocument(school, DATASET_METHODS[d]));
    const bytes = documents.reduce((n, d) => n + Buffer.byteLength(d), 0);
    const parser = new XMLParser({ ignoreAttributes: false });
    const parseStarted = performance.now();
    for (const document of documents) parser.parse(document);
    const parseSeconds = (performance.now() - parseStarted) / 1000;

    // Floor 2: one unordered bulk insert of as many user documents as the school has (its own users, copied).
    const db = session.requireDb();
    const users = (
      await db
        .collection('users')
        .find({}, { projection: { _id: 0 } })
        .toArray()
    ).map((u) => ({ ...u }));
    const scratch = db.collection('bench_scratch_users');
    const writeStarted = performance.now();
    if (users.length) await scratch.insertMany(users, { ordered: false });
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    await scratch.drop().catch(() => undefined);

    result = {
      pupils,
      users: users.length,
      firstSync,
      unchangedResync,
      dayOfChanges,
      floor: {
        parseSeconds: Number(parseSeconds.toFixed(3)),
        parseBytes: bytes,
        writeSeconds: Number(writeSeconds.toFixed(3)),
        writeDocuments: users.length,
      },
      peakRssMb,
    };
    if (!json) printTable(result as unknown as Printable);
  } finally {
    await session.stop(false);
  }
  if (json && result) process.stdout.write(`${JSON.stringify(result)}\n`);
}

interface Printable {
  pupils: number;
  users: number;
  firstSync: Phase;
  unchangedResync: Phase;
  dayOfChanges: Phase;
  floor: { parseSeconds: number; parseBytes: number; writeSeconds: number; writeDocuments: number };
  peakRssMb: Record<string, number | null>;
}

function printTable(r: Printable): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`\nPipeline, ${r.pupils}-pupil school (${r.users} users), apps from dist/ as child processes`);
  out(
    `  ${'phase'.padEnd(18)}${'seconds'.padStart(9)}${'records'.padStart(9)}${'records/s'.padStart(11)}${'user writes'.padStart(13)}${'events'.padStart(8)}  outcome`,
  );
  for (const [name, p] of [
    ['first sync', r.firstSync],
    ['unchanged re-sync', r.unchangedResync],
    ['day of changes', r.dayOfChanges],
  ] as const) {
    out(
      `  ${name.padEnd(18)}${p.seconds.toFixed(1).padStart(9)}${String(p.records).padStart(9)}${String(p.recordsPerSecond).padStart(11)}${String(p.userWrites).padStart(13)}${String(p.events).padStart(8)}  ${p.outcome}`,
    );
  }
  const ms = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
      .join(', ');
  out('  where the time went (s): transformer per dataset | importer per step');
  for (const [name, p] of [
    ['first sync', r.firstSync],
    ['unchanged re-sync', r.unchangedResync],
    ['day of changes', r.dayOfChanges],
  ] as const) {
    out(`  ${name.padEnd(18)}${ms(p.transformMs)} | ${ms(p.importMs)}`);
  }
  out(
    `  floor: fast-xml-parser alone ${r.floor.parseSeconds.toFixed(2)} s for ${(r.floor.parseBytes / 1e6).toFixed(1)} MB; one unordered insert of ${r.floor.writeDocuments} user documents ${r.floor.writeSeconds.toFixed(2)} s`,
  );
  out(
    `  peak RSS (VmHWM): ${Object.entries(r.peakRssMb)
      .map(([app, mb]) => `${app} ${mb ?? '?'} MB`)
      .join(', ')}`,
  );
  out('  targets: first sync < 30 s; unchanged re-sync < 7.5 s with 0 user writes and 0 events');
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] failed: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
