import { z } from 'zod';
import { type Env, loadConfig, serviceEnvSchema } from '@isams-sync/config';

export const transformerEnvSchema = serviceEnvSchema(3002);
export type TransformerConfig = z.infer<typeof transformerEnvSchema>;

export function loadTransformerConfig(env: Env = process.env): TransformerConfig {
  return loadConfig('transformer', transformerEnvSchema, env);
}
