import { z } from 'zod';
import { type Env, boolFromEnv, intFromEnv, loadConfig, secretsKeySchema, serviceEnvSchema } from '@isams-sync/config';

export const fetcherEnvSchema = serviceEnvSchema(3001).extend({
  SECRETS_KEY: secretsKeySchema,
  /** per Batch call; iSAMS can take minutes for a large school */
  ISAMS_CALL_TIMEOUT_MS: intFromEnv(120_000, 1_000, 1_800_000),
  ISAMS_MAX_ATTEMPTS: intFromEnv(4, 1, 20),
  ISAMS_BACKOFF_BASE_MS: intFromEnv(1_000, 1, 600_000),
  ISAMS_BACKOFF_CAP_MS: intFromEnv(60_000, 1, 3_600_000),
  ISAMS_BREAKER_RESET_MS: intFromEnv(60_000, 100, 3_600_000),
  ISAMS_GLOBAL_CONCURRENCY: intFromEnv(4, 1, 100),
  /** how often the nightly scheduler looks for schools whose window is open */
  SCHEDULER_ENABLED: boolFromEnv(true),
  SCHEDULER_TICK_MS: intFromEnv(60_000, 100, 3_600_000),
});
export type FetcherConfig = z.infer<typeof fetcherEnvSchema>;

export function loadFetcherConfig(env: Env = process.env): FetcherConfig {
  return loadConfig('fetcher', fetcherEnvSchema, env);
}
