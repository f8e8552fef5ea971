import { z } from 'zod';
import { defineContract } from '../envelope';
import { ROUTING } from '../routing';

/** The normalised records of one dataset of a run are stored and ready for the importer. */
export const datasetNormalisedV1 = defineContract(
  'dataset.normalised',
  1,
  ROUTING.datasetNormalised,
  z.object({
    runId: z.string().min(1),
    dataset: z.string().min(1),
    snapshotId: z.string().min(1),
    counts: z.record(z.string(), z.number().int().nonnegative()),
    findings: z.record(z.string(), z.number().int().nonnegative()),
  }),
);
export type DatasetNormalisedV1 = z.infer<typeof datasetNormalisedV1.data>;
