import { z } from 'zod';
import { defineContract } from '../envelope';
import { ROUTING } from '../routing';

/** Asks the attendance app to pull a school's AM/PM registers for a date now. */
export const attendanceRequestedV1 = defineContract(
  'attendance.requested',
  1,
  ROUTING.attendanceRequested,
  z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sessions: z.array(z.enum(['AM', 'PM'])).min(1),
    requestedBy: z.string().min(1).max(200),
  }),
);
export type AttendanceRequestedV1 = z.infer<typeof attendanceRequestedV1.data>;
