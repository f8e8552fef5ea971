export const DATASET_STATUSES = ['complete', 'failed', 'missing'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];
/** How each dataset of the run came in; an absent dataset counts as not complete (nothing is removed on it). */
export type DatasetCompleteness = Partial<
  Record<'pupils' | 'staff' | 'contacts' | 'structure' | 'teaching', DatasetStatus>
>;
