import { z } from 'zod';
import { defineContract } from '../envelope';
import { ROUTING } from '../routing';

/** A dataset of a run could not be fetched or transformed; the importer must not remove anything on its strength. */
export const datasetFailedV1 = defineContract(
  'dataset.failed',
  1,
  ROUTING.datasetFailed,
  z.object({
    runId: z.string().min(1),
    dataset: z.string().min(1),
    stage: z.enum(['fetch', 'transform']),
    reason: z.string().min(1),
    fix: z.string().optional(),
  }),
);
export type DatasetFailedV1 = z.infer<typeof datasetFailedV1.data>;
