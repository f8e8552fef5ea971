/**
 * The write and read patterns the pipeline uses, against the MongoDB-compatible server in MONGO_URL,
 * in a scratch database dropped afterwards. It shows what each pattern costs on this server (the
 * FerretDB build scripts/services.sh makes, or MongoDB), and why the code inserts once instead of
 * upserting. A benchmark, not a test: it prints figures and asserts nothing.
 *
 *   npm run build && node dist/bench/database.bench.js [--documents 3000] [--json]
 *
 * Caution: "one bulk of 200 guarded updates" hangs a FerretDB 1.24 built without
 * scripts/ferretdb/sqlite-id-lookups.patch for good (restart it); --skip-bulk leaves it out.
 */
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { withDatabase } from '@isams-sync/demo';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`);
  return value;
}

const UPDATES = 200;

async function timed(figures: Record<string, number>, name: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  figures[name] = Number(((performance.now() - started) / 1000).toFixed(3));
  process.stderr.write(`[bench] ${name}: ${figures[name]} s\n`);
}

async function main(): Promise<void> {
  const n = option('documents', 3000);
  const json = process.argv.includes('--json');
  const url = withDatabase(
    process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/isams-sync',
    `isams-sync-dbbench-${Date.now()}`,
  );
  const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  const db = connection.db as unknown as mongoose.mongo.Db;
  const figures: Record<string, number> = {};
  const doc = (run: string, i: number) => ({
    _id: `${run}-${String(i).padStart(7, '0')}`,
    schoolId: 'bench',
    runId: run,
    version: 1,
    record: {
      type: 'student',
      forename: `Pupil ${i}`,
      surname: 'Bench',
      email: `p${i}@example.org`,
      yearGroup: 'Year 7',
      form: '7A',
    },
  });
  try {
    const records = db.collection<ReturnType<typeof doc>>('records');
    await records.createIndex({ schoolId: 1, runId: 1 });
    await timed(figures, `${n} upserts by _id ($setOnInsert, bulks of 1000)`, async () => {
      const docs = Array.from({ length: n }, (_, i) => doc('upsert', i));
      for (let i = 0; i < n; i += 1000) {
        await records.bulkWrite(
          docs
            .slice(i, i + 1000)
            .map((d) => ({ updateOne: { filter: { _id: d._id }, update: { $setOnInsert: d }, upsert: true } })),
          { ordered: false },
        );
      }
    });
    await timed(figures, `${n} inserts (one unordered insertMany)`, () =>
      records.insertMany(
        Array.from({ length: n }, (_, i) => doc('insert', i)),
        { ordered: false },
      ),
    );
    await timed(figures, `read one run's ${n} documents by {schoolId, runId}`, () =>
      records.find({ schoolId: 'bench', runId: 'insert' }).toArray(),
    );
    await timed(figures, `${UPDATES} version-guarded updates {_id, version}, one at a time`, async () => {
      for (let i = 0; i < UPDATES; i += 1)
        await records.updateOne({ _id: doc('insert', i)._id, version: 1 }, { $set: { version: 2 } });
    });
    if (!process.argv.includes('--skip-bulk')) {
      await timed(figures, `one bulk of ${UPDATES} version-guarded updates`, () =>
        records.bulkWrite(
          Array.from({ length: UPDATES }, (_, i) => ({
            updateOne: {
              filter: { _id: doc('insert', UPDATES + i)._id, version: 1 },
              update: { $set: { version: 2 } },
            },
          })),
          { ordered: false },
        ),
      );
    }
    await timed(figures, `one updateMany over ${UPDATES} ids ($in)`, () =>
      records.updateMany(
        { _id: { $in: Array.from({ length: UPDATES }, (_, i) => doc('insert', 2 * UPDATES + i)._id) }, version: 1 },
        { $set: { version: 2 } },
      ),
    );
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
  if (json)
    process.stdout.write(
      `${JSON.stringify({ documents: n, server: process.env.MONGO_URL ?? 'default', seconds: figures })}\n`,
    );
  else {
    process.stdout.write(`\nDatabase patterns, ${n} documents (seconds)\n`);
    for (const [name, seconds] of Object.entries(figures))
      process.stdout.write(`  ${seconds.toFixed(3).padStart(8)}  ${name}\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`[bench] failed: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
