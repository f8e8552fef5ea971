import { z } from 'zod';
import { type Env, boolFromEnv, intFromEnv, loadConfig } from '@isams-sync/config';

/**
 * The simulator's environment (a container has no command-line flags to spare): where it listens, the address
 * clients use to reach it, and the school it generates. Flags on the command line win over these.
 */
export const simulatorEnvSchema = z.object({
  /** 0.0.0.0 inside a container; loopback everywhere else */
  HTTP_HOST: z.string().min(1).optional().default('127.0.0.1'),
  HTTP_PORT: intFromEnv(8089, 0, 65535),
  SIMULATOR_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+/, 'must be the address clients use, such as http://isams-simulator:8089')
    .optional(),
  SIMULATOR_SEED: intFromEnv(42, 0, 4_294_967_295),
  SIMULATOR_PUPILS: intFromEnv(800, 0, 100_000),
  SIMULATOR_MEDICAL: boolFromEnv(false),
});
export type SimulatorConfig = z.infer<typeof simulatorEnvSchema>;

export function loadSimulatorConfig(env: Env = process.env): SimulatorConfig {
  return loadConfig('isams-simulator', simulatorEnvSchema, env);
}

/** The environment as simulator flags, placed before the command line's own so those win. */
export function simulatorArgsFromConfig(config: SimulatorConfig): string[] {
  return [
    `--host=${config.HTTP_HOST}`,
    `--port=${config.HTTP_PORT}`,
    `--seed=${config.SIMULATOR_SEED}`,
    `--pupils=${config.SIMULATOR_PUPILS}`,
    ...(config.SIMULATOR_PUBLIC_URL ? [`--public-url=${config.SIMULATOR_PUBLIC_URL}`] : []),
    ...(config.SIMULATOR_MEDICAL ? ['--medical'] : []),
  ];
}
