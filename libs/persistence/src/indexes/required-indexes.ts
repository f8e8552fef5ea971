import type { Connection, Model } from 'mongoose';

/** One index a schema declares, by collection and key, e.g. users {schoolId: 1, userKey: 1} unique. */
export interface DeclaredIndex {
  collection: string;
  key: Record<string, number>;
  unique: boolean;
}

const NAMESPACE_NOT_FOUND = 26;

/** `{ schoolId: 1, runKey: 1 }` → `schoolId_1_runKey_1`, the name MongoDB gives an index by default. */
export function indexName(key: Record<string, number>): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

export function declaredIndexes(model: Model<unknown>): DeclaredIndex[] {
  return model.schema.indexes().map(([key, options]) => ({
    collection: model.collection.collectionName,
    key: Object.fromEntries(Object.entries(key).map(([field, direction]) => [field, Number(direction)])),
    unique: options?.unique === true,
  }));
}

/** The same key in the same order (an index on {a, b} is not one on {b, a}). */
function sameKey(a: Record<string, number>, b: Record<string, unknown>): boolean {
  const left = Object.entries(a);
  const right = Object.entries(b).map(([field, direction]) => [field, Number(direction)] as const);
  return (
    left.length === right.length &&
    left.every(([field, direction], i) => right[i][0] === field && right[i][1] === direction)
  );
}

/**
 * The unique indexes the given models declare that the database lacks. Idempotency rests on them (a duplicate
 * delivery must hit a unique key), so a service must not consume messages without them.
 */
export async function missingUniqueIndexes(
  connection: Connection,
  models: readonly Model<unknown>[],
): Promise<DeclaredIndex[]> {
  const missing: DeclaredIndex[] = [];
  for (const model of models) {
    const wanted = declaredIndexes(model).filter((index) => index.unique);
    if (wanted.length === 0) continue;
    let present: Array<{ key: Record<string, unknown>; unique?: boolean }> = [];
    try {
      present = (await connection.db!.collection(model.collection.collectionName).indexes()) as typeof present;
    } catch (error) {
      if ((error as { code?: number }).code !== NAMESPACE_NOT_FOUND) throw error;
    }
    for (const index of wanted) {
      if (!present.some((p) => p.unique === true && sameKey(index.key, p.key))) missing.push(index);
    }
  }
  return missing;
}

/** What `isams-sync db ensure-indexes` did for one collection. */
export interface EnsuredCollection {
  collection: string;
  indexes: Array<{ name: string; unique: boolean }>;
}

/**
 * Creates every index the models declare (and their collections). Never drops or changes an index: an index that
 * exists under the same key is left as it is, so running it again, or while the apps run, is safe.
 */
export async function ensureIndexes(models: readonly Model<unknown>[]): Promise<EnsuredCollection[]> {
  const result: EnsuredCollection[] = [];
  for (const model of models) {
    await model.createCollection().catch((error: { code?: number }) => {
      // 48: already exists
      if (error.code !== 48) throw error;
    });
    await model.createIndexes();
    result.push({
      collection: model.collection.collectionName,
      indexes: declaredIndexes(model).map((i) => ({ name: indexName(i.key), unique: i.unique })),
    });
  }
  return result;
}
