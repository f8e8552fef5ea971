import type { Model } from 'mongoose';

const DUPLICATE_KEY = 11000;
const BATCH = 1000;

interface WriteFailure {
  code?: number;
  index?: number;
}

interface BulkWriteFailure extends WriteFailure {
  writeErrors?: WriteFailure[] | WriteFailure;
  insertedCount?: number;
  result?: { insertedCount?: number };
}

/**
 * Inserts documents whose `_id` says who they are, skipping any already stored: the write half of
 * "store once". Unordered bulk inserts instead of one upsert per document, because an upsert is a
 * filtered update (on FerretDB each one was a table scan) while an insert is a plain append on
 * both MongoDB and FerretDB. Any error other than "duplicate key" is thrown.
 */
export async function insertOnce<T>(
  model: Model<T>,
  documents: readonly Record<string, unknown>[],
): Promise<{ inserted: number }> {
  let inserted = 0;
  for (let i = 0; i < documents.length; i += BATCH) {
    const batch = documents.slice(i, i + BATCH);
    const ops = batch.map((document) => ({ insertOne: { document } })) as Parameters<Model<T>['bulkWrite']>[0];
    try {
      // throwOnValidationError: mongoose would otherwise drop a document its schema refuses without a word
      inserted += (await model.bulkWrite(ops, { ordered: false, throwOnValidationError: true })).insertedCount;
    } catch (error) {
      inserted += await insertedDespite(model, batch, error as BulkWriteFailure);
    }
  }
  return { inserted };
}

/**
 * How many went in when every failure was "this `_id` is already stored"; rethrows anything else,
 * including a duplicate on another unique index (FerretDB's message does not say which index, so
 * the ids are looked up).
 */
async function insertedDespite<T>(
  model: Model<T>,
  batch: readonly Record<string, unknown>[],
  error: BulkWriteFailure,
): Promise<number> {
  const writeErrors = Array.isArray(error.writeErrors)
    ? error.writeErrors
    : error.writeErrors
      ? [error.writeErrors]
      : [];
  if (writeErrors.length === 0 || !writeErrors.every((e) => e.code === DUPLICATE_KEY && e.index !== undefined))
    throw error;
  const ids = writeErrors.map((e) => batch[e.index as number]._id);
  const stored = await model.countDocuments({ _id: { $in: ids } } as never).exec();
  if (stored !== new Set(ids.map(String)).size) throw error;
  return error.insertedCount ?? error.result?.insertedCount ?? 0;
}
