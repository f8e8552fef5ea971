import { z } from 'zod';
import { defineContract } from '../envelope';
import { ROUTING } from '../routing';

/** Public event: members added to or removed from a SchoolsBuddy group (year group, form, house, teaching set). */
export const groupChangedV1 = defineContract(
  'group.changed',
  1,
  ROUTING.groupChanged,
  z.object({
    groupId: z.string().min(1),
    groupKey: z.string().min(1),
    kind: z.enum(['yearGroup', 'form', 'house', 'set']),
    name: z.string(),
    addedUserIds: z.array(z.string()),
    removedUserIds: z.array(z.string()),
    version: z.number().int().positive(),
    runId: z.string().min(1),
  }),
);
export type GroupChangedV1 = z.infer<typeof groupChangedV1.data>;
