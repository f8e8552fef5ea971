import { z } from 'zod';
import { type Env, loadConfig, secretsKeySchema, serviceEnvSchema } from '@isams-sync/config';

export const attendanceEnvSchema = serviceEnvSchema(3004).extend({ SECRETS_KEY: secretsKeySchema });
export type AttendanceConfig = z.infer<typeof attendanceEnvSchema>;

export function loadAttendanceConfig(env: Env = process.env): AttendanceConfig {
  return loadConfig('attendance', attendanceEnvSchema, env);
}
