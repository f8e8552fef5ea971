import { z } from 'zod';
import { type Env, insecureHostsSchema, loadConfig, secretsKeySchema } from '@isams-sync/config';

export const cliEnvSchema = z.object({
  AMQP_URL: z.string().optional().default('amqp://guest:guest@127.0.0.1:5672'),
  MONGO_URL: z.string().optional().default('mongodb://127.0.0.1:27017/isams-sync'),
  /** the services' MESSAGING_PREFIX (empty in production), for commands that talk to them over RabbitMQ */
  MESSAGING_PREFIX: z
    .string()
    .regex(/^[a-z0-9.-]*$/, 'may hold only lower-case letters, digits, dots and dashes')
    .optional()
    .default(''),
  NODE_ENV: z.enum(['development', 'production', 'test']).optional().default('development'),
  /** who runs the commands, recorded with approvals, rejections, replays, purges and settings changes (or --actor) */
  ISAMS_SYNC_ACTOR: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('warn'),
  // Optional at load (transform and the simulator never need it); the school commands require it.
  /** hosts whose iSAMS access URL may be plain http (the simulator's); never set in production */
  ISAMS_INSECURE_HOSTS: insecureHostsSchema,
  SECRETS_KEY: z.preprocess((v) => (v === '' ? undefined : v), secretsKeySchema.optional()),
});
export type CliConfig = z.infer<typeof cliEnvSchema>;

export function loadCliConfig(env: Env = process.env): CliConfig {
  return loadConfig('isams-sync', cliEnvSchema, env);
}

/** The secrets key, for commands that encrypt or decrypt school secrets. */
export function requireSecretsKey(config: CliConfig): string {
  if (!config.SECRETS_KEY) {
    throw new Error(
      'SECRETS_KEY is not set: school commands need the key that encrypts school secrets (base64 of 32 bytes, the same value the services use)',
    );
  }
  return config.SECRETS_KEY;
}
