import { z } from 'zod';
import { type Env, boolFromEnv, intFromEnv, loadConfig, secretsKeySchema, serviceEnvSchema } from '@isams-sync/config';

const localTime = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v.trim()))
    .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), {
      message: 'must be a local time as HH:MM (24-hour), e.g. 09:45',
    });

export const attendanceEnvSchema = serviceEnvSchema(3004).extend({
  SECRETS_KEY: secretsKeySchema,
  /** the two daily pulls, in each school's own timezone: before lunch (AM register) and before after-school activities (PM) */
  ATTENDANCE_AM_TIME: localTime('09:45'),
  ATTENDANCE_PM_TIME: localTime('14:30'),
  ATTENDANCE_SCHEDULE_ENABLED: boolFromEnv(true),
  /** how often the scheduler looks for due slots */
  ATTENDANCE_TICK_MS: intFromEnv(30_000, 100, 3_600_000),
  /** a due slot is pulled only until this many minutes after its time (a replica starting at 18:00 does not pull 09:45) */
  ATTENDANCE_SLOT_GRACE_MINUTES: intFromEnv(180, 1, 1440),
  /** a scheduled pull that failed is tried again after this long, up to ATTENDANCE_SLOT_ATTEMPTS in all */
  ATTENDANCE_SLOT_RETRY_MS: intFromEnv(300_000, 100, 3_600_000),
  ATTENDANCE_SLOT_ATTEMPTS: intFromEnv(3, 1, 20),
  /** a replica that dies mid-pull gives its slot up after this */
  ATTENDANCE_PULL_LEASE_MS: intFromEnv(600_000, 1_000, 3_600_000),
  /** marks and pulls older than this many days are deleted (checked hourly by each replica) */
  ATTENDANCE_RETENTION_DAYS: intFromEnv(30, 1, 3650),
  ISAMS_REST_TIMEOUT_MS: intFromEnv(30_000, 100, 600_000),
  ISAMS_REST_PAGE_SIZE: intFromEnv(500, 1, 500),
  /** the same call guard rules as the Batch fetcher (per school; scope `rest`, so never a Batch key's budget) */
  ISAMS_MAX_ATTEMPTS: intFromEnv(4, 1, 20),
  ISAMS_BACKOFF_BASE_MS: intFromEnv(1_000, 1, 600_000),
  ISAMS_BACKOFF_CAP_MS: intFromEnv(60_000, 1, 3_600_000),
  ISAMS_BREAKER_RESET_MS: intFromEnv(60_000, 100, 3_600_000),
  ISAMS_GLOBAL_CONCURRENCY: intFromEnv(4, 1, 100),
});
export type AttendanceConfig = z.infer<typeof attendanceEnvSchema>;

export function loadAttendanceConfig(env: Env = process.env): AttendanceConfig {
  return loadConfig('attendance', attendanceEnvSchema, env);
}
