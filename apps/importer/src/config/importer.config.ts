import { z } from 'zod';
import { type Env, intFromEnv, loadConfig, secretsKeySchema, serviceEnvSchema } from '@isams-sync/config';

export const importerEnvSchema = serviceEnvSchema(3003).extend({
  SECRETS_KEY: secretsKeySchema,
  /** how long an importer holds a run it is applying; a crashed importer's claim expires after it */
  IMPORT_LEASE_MS: intFromEnv(300_000, 100, 86_400_000),
  /** how often unpublished outbox events (left by a crash) are looked for */
  OUTBOX_SWEEP_MS: intFromEnv(30_000, 100, 3_600_000),
  /** raw snapshots, normalised records and plans are kept for a school's latest runs (and held or unfinished ones); older runs keep only their report */
  RUN_DATA_KEPT_RUNS: intFromEnv(3, 1, 1000),
  /** TEST ONLY: `crash-before-publish` stops an import right after its writes, as a killed process would */
});
export type ImporterConfig = z.infer<typeof importerEnvSchema>;

export function loadImporterConfig(env: Env = process.env): ImporterConfig {
  return loadConfig('importer', importerEnvSchema, env);
}
