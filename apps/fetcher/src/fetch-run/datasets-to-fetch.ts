import type { Dataset } from '@isams-sync/isams';

/** Fetch order follows what later stages need first: structure gives pupils their year-group names. */
export const FETCH_ORDER: readonly Dataset[] = [
  'structure',
  'staff',
  'pupils',
  'contacts',
  'teaching',
  'photos',
  'medical',
];

/** The school's datasets for this run: those it has a key for, medical only when it opted in, optionally narrowed. */
export function datasetsToFetch(
  school: { batchKeys: Partial<Record<Dataset, string>>; medicalOptIn?: boolean },
  requested: readonly string[] = [],
): Dataset[] {
  return FETCH_ORDER.filter(
    (d) =>
      school.batchKeys[d] !== undefined &&
      (d !== 'medical' || school.medicalOptIn === true) &&
      (requested.length === 0 || requested.includes(d)),
  );
}
