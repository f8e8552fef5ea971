import { FINAL_RUN_STATUSES, type SyncRun } from './sync-run.schema';

/** What an SRE watches per school, computed from its runs (pure: the gauges and the CLI share it). */
export interface SchoolSyncHealth {
  schoolId: string;
  /** when the latest run that succeeded finished */
  lastSuccessAt?: Date;
  /** the latest finished run that was not a dry run */
  lastOutcome?: string;
  held: number;
  /** when the oldest held run was held */
  oldestHeldAt?: Date;
  /** per dataset that failed (to fetch or normalise) in the latest nightly run: nightly runs in a row it failed in */
  failedNights: Record<string, number>;
}

type RunView = Pick<
  SyncRun,
  'schoolId' | 'status' | 'trigger' | 'dryRun' | 'fetch' | 'failedDatasets' | 'createdAt' | 'updatedAt'
>;

/** `runs` newest first (by createdAt), all of one school; `lastSucceeded` for when none is among them. */
export function schoolSyncHealth(
  schoolId: string,
  runs: readonly RunView[],
  lastSucceeded?: RunView | null,
): SchoolSyncHealth {
  const finished = runs.filter((r) => FINAL_RUN_STATUSES.includes(r.status) && !r.dryRun);
  const succeeded = finished.find((r) => r.status === 'succeeded') ?? lastSucceeded ?? undefined;
  const held = finished.filter((r) => r.status === 'held');
  const heldTimes = held.map((r) => (r.updatedAt ?? r.createdAt)?.getTime() ?? Date.now());
  return {
    schoolId,
    ...(succeeded ? { lastSuccessAt: succeeded.updatedAt ?? succeeded.createdAt } : {}),
    ...(finished[0] ? { lastOutcome: finished[0].status } : {}),
    held: held.length,
    ...(held.length ? { oldestHeldAt: new Date(Math.min(...heldTimes)) } : {}),
    failedNights: failedNights(finished.filter((r) => r.trigger === 'schedule')),
  };
}

/** The importer records every failed dataset with the outcome; a run it never decided shows its fetch failures. */
function failedIn(run: RunView): Set<string> {
  if (run.failedDatasets) return new Set(run.failedDatasets);
  return new Set(
    Object.entries(run.fetch ?? {})
      .filter(([, p]) => p?.status === 'failed')
      .map(([dataset]) => dataset),
  );
}

function failedNights(nights: readonly RunView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const failed = nights.map(failedIn);
  for (const dataset of failed[0] ?? []) {
    let n = 0;
    while (n < failed.length && failed[n].has(dataset)) n += 1;
    counts[dataset] = n;
  }
  return counts;
}
