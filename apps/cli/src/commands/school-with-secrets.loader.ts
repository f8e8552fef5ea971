import mongoose from 'mongoose';
import { SchoolRepository, type SchoolWithSecrets } from '@isams-sync/persistence';
import { SecretCipher, SecretDecryptError } from '@isams-sync/secrets';
import { loadCliConfig, requireSecretsKey } from '../config/cli.config';
import type { CliEnv, CliIo } from './command';

/**
 * A school with its secrets in clear, for the commands that call iSAMS themselves (`keys check`, `registers`). An
 * unknown school or a key that cannot decrypt its secrets is told to the user; the command then exits 1.
 */
export async function loadSchoolWithSecrets(
  schoolId: string,
  io: CliIo,
  env?: CliEnv,
): Promise<SchoolWithSecrets | undefined> {
  const config = loadCliConfig(env);
  const cipher = SecretCipher.fromBase64(requireSecretsKey(config));
  const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  let school: SchoolWithSecrets | null;
  try {
    school = await SchoolRepository.onConnection(connection, cipher).getWithSecrets(schoolId);
  } catch (error) {
    if (error instanceof SecretDecryptError) {
      io.err(error.message);
      return undefined;
    }
    throw error;
  } finally {
    await connection.close();
  }
  if (!school) io.err(`school '${schoolId}' is not registered (see 'isams-sync school list')`);
  return school ?? undefined;
}
