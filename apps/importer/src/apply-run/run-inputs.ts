import type { DatasetCompleteness, DatasetStatus } from '@isams-sync/import-rules';

export interface DatasetOutcomeView {
  dataset: string;
  status: 'normalised' | 'failed';
  counts?: Record<string, number>;
  findings?: Array<{ kind?: string; severity?: string }>;
}

const JUDGED = ['pupils', 'staff', 'contacts', 'structure', 'teaching'] as const;
const SIZE_OF: Record<string, string> = { pupils: 'student', staff: 'staff', contacts: 'contact' };

/**
 * How complete each dataset of the run is. A dataset counts as complete only when it was
 * normalised and its document had every section it needs: removals are decided on complete data only.
 */
export function completenessOf(outcomes: readonly DatasetOutcomeView[]): DatasetCompleteness {
  const completeness: DatasetCompleteness = {};
  for (const dataset of JUDGED) {
    const outcome = outcomes.find((o) => o.dataset === dataset);
    let status: DatasetStatus = 'missing';
    if (outcome?.status === 'failed') status = 'failed';
    else if (outcome?.status === 'normalised') {
      const missingSection = (outcome.findings ?? []).some((f) => f.kind === 'missing-section');
      status = missingSection ? 'failed' : 'complete';
    }
    completeness[dataset] = status;
  }
  return completeness;
}

/** Records per people dataset (what the mass-change guard compares with the last applied run). */
export function datasetSizesOf(outcomes: readonly DatasetOutcomeView[]): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [dataset, type] of Object.entries(SIZE_OF)) {
    const outcome = outcomes.find((o) => o.dataset === dataset && o.status === 'normalised');
    if (outcome) sizes[dataset] = outcome.counts?.[type] ?? 0;
  }
  return sizes;
}

/** True when every dataset the run fetches has an outcome. */
export function runIsSettled(
  expected: readonly string[] | undefined,
  outcomes: readonly DatasetOutcomeView[],
): boolean {
  if (!expected || expected.length === 0) return false;
  const done = new Set(outcomes.map((o) => o.dataset));
  return expected.every((d) => done.has(d));
}
