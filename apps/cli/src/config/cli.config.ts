import { z } from 'zod';
import { type Env, loadConfig } from '@isams-sync/config';

const cliEnvSchema = z.object({
  AMQP_URL: z.string().optional().default('amqp://guest:guest@127.0.0.1:5672'),
  MONGO_URL: z.string().optional().default('mongodb://127.0.0.1:27017/isams-sync'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('warn'),
});
export type CliConfig = z.infer<typeof cliEnvSchema>;

export function loadCliConfig(env: Env = process.env): CliConfig {
  return loadConfig('isams-sync', cliEnvSchema, env);
}
