import { z } from 'zod';

const intFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v.trim())) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      const n = Number(v);
      if (n < min || n > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const boolFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1'));

const urlWithScheme = (schemes: string[], fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v === undefined || v === '' ? fallback : v;
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a URL starting with ${schemes.join(' or ')}` });
        return z.NEVER;
      }
      if (!schemes.includes(parsed.protocol)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a URL starting with ${schemes.join(' or ')}` });
        return z.NEVER;
      }
      return value;
    });

/** Base64 of exactly 32 bytes: the AES-256-GCM key for school secrets. No default, ever. */
export const secretsKeySchema = z
  .string({ required_error: 'is required (base64 of 32 random bytes; e.g. `openssl rand -base64 32`)' })
  .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), {
    message: 'must be base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)',
  });

/**
 * ISAMS_INSECURE_HOSTS: comma-separated host names whose iSAMS access URL may be plain http (the simulator's host in
 * tests, the demo and the compose stack). Production never sets it.
 */
export const insecureHostsSchema = z
  .string()
  .optional()
  .transform((text) =>
    (text ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine((hosts) => hosts.every((host) => /^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(host)), {
    message: 'must be comma-separated host names, such as isams-simulator,127.0.0.1',
  });

/** Variables every service reads. Each app extends this with its own. */
export function serviceEnvSchema(defaultPort: number) {
  return z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).optional().default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
    HTTP_PORT: intFromEnv(defaultPort, 0, 65535),
    AMQP_URL: urlWithScheme(['amqp:', 'amqps:'], 'amqp://guest:guest@127.0.0.1:5672'),
    MONGO_URL: urlWithScheme(['mongodb:', 'mongodb+srv:'], 'mongodb://127.0.0.1:27017/isams-sync'),
    AMQP_PREFETCH: intFromEnv(10, 1, 1000),
    MESSAGING_PREFIX: z
      .string()
      .regex(/^[a-z0-9.-]*$/, 'may hold only lower-case letters, digits, dots and dashes')
      .optional()
      .default(''),
    SHUTDOWN_TIMEOUT_MS: intFromEnv(10000, 100, 600000),
    METRICS_ENABLED: boolFromEnv(true),
    ISAMS_INSECURE_HOSTS: insecureHostsSchema,
    /** build indexes at boot: default on, except with NODE_ENV=production (see autoIndexEnabled) */
    MONGO_AUTO_INDEX: z.enum(['true', 'false', '']).optional(),
  });
}

/** Indexes are built at boot unless MONGO_AUTO_INDEX says otherwise; production defaults to off (a Job builds them). */
export function autoIndexEnabled(config: { NODE_ENV: string; MONGO_AUTO_INDEX?: string }): boolean {
  if (config.MONGO_AUTO_INDEX === 'true' || config.MONGO_AUTO_INDEX === 'false')
    return config.MONGO_AUTO_INDEX === 'true';
  return config.NODE_ENV !== 'production';
}

export type ServiceEnv = z.infer<ReturnType<typeof serviceEnvSchema>>;
export { intFromEnv, boolFromEnv };
