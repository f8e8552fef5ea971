import { createHash } from 'node:crypto';

/** A document id from the school and a key of the school's own (users, groups, logins, plan chunks). */
export function directoryId(schoolId: string, key: string): string {
  return createHash('sha256').update(`${schoolId}\u0000${key}`).digest('hex').slice(0, 32);
}

/**
 * Version-guarded updates per bulk call. Unpatched FerretDB 1.24 holds a pooled connection per
 * update until the whole bulk ends and hangs past ~50 (scripts/ferretdb/sqlite-id-lookups.patch
 * fixes that in the build we run); small bulks keep a stock FerretDB working too.
 */
export const CHANGE_BATCH = 10;

export function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
