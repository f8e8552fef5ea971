import { z } from 'zod';
import { defineContract } from '../envelope';
import { ROUTING } from '../routing';

/** What a pupil's registration mark says, in SchoolsBuddy's words (the iSAMS code is kept beside it). */
export const ATTENDANCE_STATUSES = [
  'present',
  'late',
  'absent_authorised',
  'absent_unauthorised',
  'out_of_school',
  'not_taken',
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_SESSIONS = ['AM', 'PM'] as const;
export type AttendanceSession = (typeof ATTENDANCE_SESSIONS)[number];

/**
 * Public event on `schoolsbuddy.events` (routing key `attendance.changed`): one pupil's AM or PM
 * mark is new or differs from the last pull. `eventId` is derived from school, date, session,
 * pupil and mark, so a redelivered or re-sent event keeps its id.
 */
export const attendanceChangedV1 = defineContract(
  'attendance.changed',
  1,
  ROUTING.attendanceChanged,
  z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    session: z.enum(ATTENDANCE_SESSIONS),
    /** the pupil's iSAMS SchoolId */
    isamsId: z.string().min(1),
    /** the SchoolsBuddy student, when the pupil is known */
    studentId: z.string().min(1).optional(),
    status: z.enum(ATTENDANCE_STATUSES),
    /** the iSAMS mark code ('/', 'L', 'I', 'N', …); empty when not taken */
    code: z.string(),
    /** the code's name in iSAMS, when the code is known */
    codeName: z.string().optional(),
    minutesLate: z.number().int().nonnegative().optional(),
    /** the status before this change; absent for the first mark of the session */
    previousStatus: z.enum(ATTENDANCE_STATUSES).optional(),
    registrationPeriodId: z.string().min(1),
  }),
);
export type AttendanceChangedV1 = z.infer<typeof attendanceChangedV1.data>;
