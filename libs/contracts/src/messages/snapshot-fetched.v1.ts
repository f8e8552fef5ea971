import { z } from 'zod';
import { defineContract } from '../envelope';
import { ROUTING } from '../routing';

/** Claim check: a raw Batch snapshot is stored; the message carries ids, never the XML. */
export const snapshotFetchedV1 = defineContract(
  'snapshot.fetched',
  1,
  ROUTING.snapshotFetched,
  z.object({
    runId: z.string().min(1),
    dataset: z.string().min(1),
    snapshotId: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
    identicalToPrevious: z.boolean(),
    /** The school's local date when fetched: staff whose leaving date is before it have left. */
    schoolDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
);
export type SnapshotFetchedV1 = z.infer<typeof snapshotFetchedV1.data>;
