import { z } from 'zod';
import { defineContract } from '../envelope';
import { ROUTING } from '../routing';

/** A person's decision on a run the mass-change guard held: apply it as planned, or discard it. */
export const runDecidedV1 = defineContract(
  'run.decided',
  1,
  ROUTING.runDecided,
  z.object({
    runId: z.string().min(1),
    decision: z.enum(['approve', 'reject']),
    decidedBy: z.string().min(1).max(200),
    reason: z.string().max(1000).optional(),
  }),
);
export type RunDecidedV1 = z.infer<typeof runDecidedV1.data>;
