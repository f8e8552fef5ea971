import { z } from 'zod';
import { defineContract } from '../envelope';

export const USER_KIND_VALUES = ['student', 'parent', 'staff'] as const;
export const USER_CHANGES = [
  'created',
  'updated',
  'deactivated',
  'reactivated',
  'email_changed',
  'roles_changed',
] as const;

/** A SchoolsBuddy user as other services may see it: public fields only (no medical data, no secrets). */
export const publicUserSchema = z.object({
  userKey: z.string(),
  roles: z.array(z.enum(USER_KIND_VALUES)),
  isams: z.object({
    studentId: z.string().optional(),
    staffId: z.string().optional(),
    contactIds: z.array(z.string()),
  }),
  title: z.string().optional(),
  forename: z.string().optional(),
  preferredName: z.string().optional(),
  surname: z.string().optional(),
  email: z.string().optional(),
  loginEmail: z.string().optional(),
  yearGroup: z.string().optional(),
  form: z.string().optional(),
  academicHouse: z.string().optional(),
  boardingHouse: z.string().optional(),
  childUserKeys: z.array(z.string()),
  active: z.boolean(),
});

/**
 * Public event, on `schoolsbuddy.events` with routing key `user.changed.<kind>`. `eventId` is
 * deterministic from school, user and version, so a consumer that dedupes on it sees each change once.
 */
export const userChangedV1 = defineContract(
  'user.changed',
  1,
  'user.changed.*',
  z.object({
    userId: z.string().min(1),
    kind: z.enum(USER_KIND_VALUES),
    change: z.enum(USER_CHANGES),
    changes: z.array(z.enum(USER_CHANGES)),
    changedFields: z.array(z.string()),
    version: z.number().int().positive(),
    user: publicUserSchema,
    runId: z.string().min(1),
  }),
);
export type UserChangedV1 = z.infer<typeof userChangedV1.data>;
