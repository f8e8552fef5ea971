import { createHash } from 'node:crypto';
import type { Dataset } from '@isams-sync/isams';
import type { StructureContext } from './pupils/pupils.mapper';
import { contentHash } from './records/record-identity';

/**
 * Version of what transformDocument makes of a document. Bump it whenever the records or findings
 * for the same document would change (a new field, a new rule): records normalised by an earlier
 * version are then no longer reused for a later run.
 */
export const NORMALISE_VERSION = 1;

export interface TransformInputs {
  readonly dataset: Dataset;
  /** sha256 of the Batch document, as stored with the raw snapshot. */
  readonly snapshotSha256: string;
  /** The school's local date the run was fetched on. */
  readonly today: string;
  /** The year groups the pupils are mapped with (pupils only). */
  readonly structure?: StructureContext;
}

/**
 * Everything that decides a dataset's records, as one key: equal keys mean transformDocument would
 * return the same records and findings, so a run may reuse the records stored for an earlier one
 * (an unchanged night costs no parsing and no record writes). Only what the dataset's mapping
 * reads is in the key: the date for staff (leaving dates), the year groups for pupils.
 */
export function transformInputKey(inputs: TransformInputs): string {
  const parts: string[] = [`v${NORMALISE_VERSION}`, inputs.dataset, inputs.snapshotSha256];
  if (inputs.dataset === 'staff') parts.push(inputs.today);
  if (inputs.dataset === 'pupils') parts.push(yearGroupsKey(inputs.structure));
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** Order-independent: the same year groups read back in another order give the same key. */
function yearGroupsKey(structure: StructureContext | undefined): string {
  if (!structure) return 'no-structure';
  return structure.yearGroups
    .map((y) => contentHash(y))
    .sort()
    .join(',');
}
