import { DATASETS, type Dataset } from '@isams-sync/isams';

/** iSAMS answers from its cache within a key's cache window; schools are asked for 2-3 hours. */
export const CACHE_WINDOW_MS = 3 * 60 * 60 * 1000;

/** The fetch progress a run records per dataset (see sync_runs.fetch). */
export interface FetchProgress {
  status: 'fetched' | 'failed';
  httpStatus?: number;
  bytes?: number;
  durationMs?: number;
  identicalToPrevious?: boolean;
  error?: string;
  fix?: string;
}

/** The transformer's (or the fetcher's, on failure) last word on one dataset of a run. */
export interface DatasetOutcomeView {
  dataset: string;
  status: 'normalised' | 'failed';
  counts?: Record<string, number>;
  findings?: Array<{ severity?: unknown }>;
  stage?: string;
  reason?: string;
  fix?: string;
}

/**
 * The datasets a run of this school will fetch: those it has a key for, medical only when it opted
 * in, narrowed to the requested ones. A requested dataset it cannot fetch is an error for the caller.
 */
export function datasetsForSync(
  school: { batchKeys: Partial<Record<Dataset, string>>; medicalOptIn?: boolean },
  requested: readonly Dataset[] = [],
): { datasets: Dataset[]; unavailable: Dataset[] } {
  const available = DATASETS.filter(
    (d) => school.batchKeys[d] !== undefined && (d !== 'medical' || school.medicalOptIn === true),
  );
  if (requested.length === 0) return { datasets: available, unavailable: [] };
  return {
    datasets: available.filter((d) => requested.includes(d)),
    unavailable: requested.filter((d) => !available.includes(d)),
  };
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The note printed before requesting a run when recent snapshots suggest iSAMS may answer from its cache. */
export function cacheNote(latestFetchedAt: Partial<Record<Dataset, Date>>, now: Date): string | undefined {
  const recent = (Object.entries(latestFetchedAt) as Array<[Dataset, Date]>)
    .filter(([, at]) => now.getTime() - at.getTime() < CACHE_WINDOW_MS)
    .map(([dataset, at]) => `${dataset} ${ago(now.getTime() - at.getTime())} ago`);
  if (recent.length === 0) return undefined;
  return `note: last fetched ${recent.join(', ')}; within the key's cache window (2-3 h) iSAMS may answer from its cache, so this run may see the same data`;
}

function countsText(counts: Record<string, number> | undefined): string {
  const entries = Object.entries(counts ?? {});
  return entries.length === 0 ? 'no records' : entries.map(([type, n]) => `${n} ${type}`).join(', ');
}

export function describeFetch(dataset: string, progress: FetchProgress): string[] {
  if (progress.status === 'failed')
    return [`${dataset}: fetch failed${progress.httpStatus ? ` (HTTP ${progress.httpStatus})` : ''}`];
  const identical = progress.identicalToPrevious ? ', identical to the previous snapshot' : '';
  return [
    `${dataset}: fetched ${progress.bytes ?? '?'} bytes in ${progress.durationMs === undefined ? '?' : Math.round(progress.durationMs)} ms${identical}`,
  ];
}

export function describeOutcome(outcome: DatasetOutcomeView): string[] {
  if (outcome.status === 'failed') {
    return [
      `${outcome.dataset}: FAILED${outcome.stage ? ` at ${outcome.stage}` : ''}: ${outcome.reason ?? 'no reason recorded'}`,
      ...(outcome.fix ? [`  fix: ${outcome.fix}`] : []),
    ];
  }
  const findings = outcome.findings ?? [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const findingText =
    findings.length === 0 ? '' : `; ${findings.length} finding(s)${errors > 0 ? `, ${errors} error(s)` : ''}`;
  return [`${outcome.dataset}: normalised ${countsText(outcome.counts)}${findingText}`];
}

/** Remembers what was printed, so each step of each dataset is printed once however often the run is read. */
export class SyncProgressPrinter {
  private readonly printed = new Set<string>();

  /** New lines for what changed since the last call. */
  update(fetch: Record<string, FetchProgress | undefined>, outcomes: readonly DatasetOutcomeView[]): string[] {
    const lines: string[] = [];
    for (const [dataset, progress] of Object.entries(fetch)) {
      if (progress && this.once(`fetch:${dataset}`)) lines.push(...describeFetch(dataset, progress));
    }
    for (const outcome of outcomes) {
      if (this.once(`outcome:${outcome.dataset}`)) lines.push(...describeOutcome(outcome));
    }
    return lines;
  }

  private once(key: string): boolean {
    if (this.printed.has(key)) return false;
    this.printed.add(key);
    return true;
  }
}

/** Datasets still waiting for an outcome. */
export function pendingDatasets(expected: readonly string[], outcomes: readonly DatasetOutcomeView[]): string[] {
  const done = new Set(outcomes.map((o) => o.dataset));
  return expected.filter((d) => !done.has(d));
}

/** The closing line and exit code once every dataset has an outcome: 0 when all normalised. */
export function syncSummary(runId: string, outcomes: readonly DatasetOutcomeView[]): { line: string; code: number } {
  const failed = outcomes.filter((o) => o.status === 'failed').map((o) => o.dataset);
  if (failed.length === 0) return { line: `run ${runId}: all ${outcomes.length} dataset(s) normalised`, code: 0 };
  return {
    line: `run ${runId}: ${failed.length} of ${outcomes.length} dataset(s) failed: ${failed.join(', ')}`,
    code: 1,
  };
}
