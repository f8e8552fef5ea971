import { z } from 'zod';
import { type Env, loadConfig, secretsKeySchema, serviceEnvSchema } from '@isams-sync/config';

export const importerEnvSchema = serviceEnvSchema(3003).extend({ SECRETS_KEY: secretsKeySchema });
export type ImporterConfig = z.infer<typeof importerEnvSchema>;

export function loadImporterConfig(env: Env = process.env): ImporterConfig {
  return loadConfig('importer', importerEnvSchema, env);
}
