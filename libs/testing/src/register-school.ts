import type mongoose from 'mongoose';
import type { SchoolInfo } from '@isams-sync/simulator';
import { SchoolRepository } from '@isams-sync/persistence';
import { SecretCipher } from '@isams-sync/secrets';
import { TEST_SECRETS_KEY } from './service-harness';

/** Registers a simulated school the way support would, with every Batch key the simulator issued. */
export async function registerSimulatedSchool(
  db: mongoose.Connection,
  info: SchoolInfo,
  overrides: Record<string, unknown> = {},
): Promise<SchoolRepository> {
  const repo = SchoolRepository.onConnection(db, SecretCipher.fromBase64(TEST_SECRETS_KEY), {
    insecureHosts: [new URL(info.accessUrl).hostname],
  });
  await repo.add({
    id: 'sim-school',
    name: info.name,
    accessUrl: info.accessUrl,
    timezone: 'Europe/London',
    batchKeys: info.keys,
    ...overrides,
  });
  return repo;
}
