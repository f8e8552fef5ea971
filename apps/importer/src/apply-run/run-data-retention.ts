import { FINAL_RUN_STATUSES, type SyncRunStatus } from '@isams-sync/persistence';

/**
 * Which runs' data (raw snapshots, normalised records, plans) can go: runs are listed newest first;
 * the newest `keep` runs stay, and so does every run still waiting for something (held for
 * approval, or not decided yet), whatever its age. Everything else is pruned; its report stays.
 */
export function runDataRetention(
  runsNewestFirst: ReadonlyArray<{ _id: string; status: SyncRunStatus }>,
  keep: number,
): { kept: string[]; pruned: string[] } {
  const kept: string[] = [];
  const pruned: string[] = [];
  runsNewestFirst.forEach((run, index) => {
    const waiting = run.status === 'held' || !FINAL_RUN_STATUSES.includes(run.status);
    (index < keep || waiting ? kept : pruned).push(run._id);
  });
  return { kept, pruned };
}
