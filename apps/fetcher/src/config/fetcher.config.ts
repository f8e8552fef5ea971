import { z } from 'zod';
import { type Env, loadConfig, secretsKeySchema, serviceEnvSchema } from '@isams-sync/config';

export const fetcherEnvSchema = serviceEnvSchema(3001).extend({ SECRETS_KEY: secretsKeySchema });
export type FetcherConfig = z.infer<typeof fetcherEnvSchema>;

export function loadFetcherConfig(env: Env = process.env): FetcherConfig {
  return loadConfig('fetcher', fetcherEnvSchema, env);
}
