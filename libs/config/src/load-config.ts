import { z } from 'zod';
import { ConfigError } from './config-error';

export type Env = Record<string, string | undefined>;

/**
 * Validates the environment once at boot. Each app passes its own schema; a failure names
 * every bad variable with what was wrong, and never echoes a value (it may be a secret).
 */
export function loadConfig<S extends z.ZodTypeAny>(app: string, schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(app, problems);
}
