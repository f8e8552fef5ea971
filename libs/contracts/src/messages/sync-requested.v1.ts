import { z } from 'zod';
import { defineContract } from '../envelope';
import { ROUTING } from '../routing';

/** Asks the fetcher to start a sync run for one school now (support's on-demand run). */
export const syncRequestedV1 = defineContract(
  'sync.requested',
  1,
  ROUTING.syncRequested,
  z.object({
    trigger: z.enum(['on-demand', 'schedule']),
    requestedBy: z.string().min(1).max(200),
    datasets: z.array(z.string().min(1)).optional(),
    dryRun: z.boolean().default(false),
    /** Set by the scheduler, which already created the night's run; absent on demand. */
    runId: z.string().min(1).optional(),
  }),
);
export type SyncRequestedV1 = z.infer<typeof syncRequestedV1.data>;
