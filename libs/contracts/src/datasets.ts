/**
 * The datasets a school registers one Batch key for. Which iSAMS methods each key needs, and how
 * each is asked for, lives in `@isams-sync/isams` (batch-methods.ts); contracts only need the names.
 */
export const DATASETS = ['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos', 'medical'] as const;
export type Dataset = (typeof DATASETS)[number];

/** Medical is special-category data: fetched only when the school opted in. */
export const REQUIRED_DATASETS: readonly Dataset[] = ['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos'];

export function isDataset(value: string): value is Dataset {
  return (DATASETS as readonly string[]).includes(value);
}
