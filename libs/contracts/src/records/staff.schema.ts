import { z } from 'zod';
import { isamsId, isoDate, presentText } from './record-fields';

export const STAFF_STATUSES = ['current', 'left'] as const;

/** A member of staff (`HRManager/CurrentStaff/StaffMember`). */
export const staffRecordSchema = z
  .object({
    type: z.literal('staff'),
    /** The staff member's `Id` attribute (what sets and forms reference as StaffId/TutorId). */
    isamsId,
    personGuid: presentText.optional(),
    userCode: presentText.optional(),
    title: presentText.optional(),
    forename: presentText.optional(),
    preferredName: presentText.optional(),
    surname: presentText.optional(),
    email: presentText.optional(),
    teaching: z.boolean(),
    /** Division names (sorted, distinct). */
    divisions: z.array(presentText),
    /** `left` when LeavingDate is before the school's today. */
    status: z.enum(STAFF_STATUSES),
    leavingDate: isoDate.optional(),
  })
  .strict();
export type StaffRecord = z.infer<typeof staffRecordSchema>;
