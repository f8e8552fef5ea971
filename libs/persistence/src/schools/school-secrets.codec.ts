import { DATASETS, type Dataset } from '@isams-sync/isams';
import type { SchoolConfig } from '@isams-sync/contracts';
import { maskSecret, type SecretCipher, SecretDecryptError } from '@isams-sync/secrets';
import type { School } from './school.schema';

/** A school with its secrets in clear: only for the code that calls iSAMS. */
export type SchoolWithSecrets = SchoolConfig & { createdAt?: Date; updatedAt?: Date; updatedBy?: string };

/** A school safe to show or log: every secret replaced by a fingerprint such as `••••5555`. */
export type SchoolPublic = Omit<SchoolConfig, 'batchKeys' | 'rest'> & {
  batchKeys: Partial<Record<Dataset, string>>;
  rest?: Omit<NonNullable<SchoolConfig['rest']>, 'clientSecret'> & { clientSecret: string };
  createdAt?: Date;
  updatedAt?: Date;
  updatedBy?: string;
};

export const UNREADABLE_SECRET = '•••• (cannot decrypt: check SECRETS_KEY)';

/** Binds each value to its school and field, so a copied envelope fails to decrypt elsewhere. */
const contextOf = (schoolId: string, field: string) => `school:${schoolId}/${field}`;

export function sealSchool(school: SchoolConfig, cipher: SecretCipher): School {
  const batchKeys: School['batchKeys'] = {};
  for (const dataset of DATASETS) {
    const key = school.batchKeys[dataset];
    if (key !== undefined) batchKeys[dataset] = cipher.encrypt(key, contextOf(school.id, `batchKeys.${dataset}`));
  }
  const { id, rest, ...settings } = school;
  return {
    ...settings,
    _id: id,
    schoolId: id,
    batchKeys,
    ...(rest
      ? { rest: { ...rest, clientSecret: cipher.encrypt(rest.clientSecret, contextOf(id, 'rest.clientSecret')) } }
      : {}),
  };
}

type Reveal = (field: string, value: Parameters<SecretCipher['decrypt']>[0]) => string;

function view<T>(
  stored: School,
  reveal: Reveal,
): Omit<SchoolConfig, 'batchKeys' | 'rest'> & { batchKeys: Partial<Record<Dataset, string>>; rest?: T } & {
  createdAt?: Date;
  updatedAt?: Date;
  updatedBy?: string;
} {
  const batchKeys: Partial<Record<Dataset, string>> = {};
  for (const dataset of DATASETS) {
    const sealed = stored.batchKeys?.[dataset];
    if (sealed) batchKeys[dataset] = reveal(`batchKeys.${dataset}`, sealed);
  }
  const { rest } = stored;
  const result = {
    id: stored._id,
    name: stored.name,
    accessUrl: stored.accessUrl,
    timezone: stored.timezone,
    batchKeys,
    contactFilter: stored.contactFilter,
    nightlyWindow: stored.nightlyWindow,
    thresholds: stored.thresholds,
    medicalOptIn: stored.medicalOptIn,
    enabled: stored.enabled,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    ...(stored.updatedBy ? { updatedBy: stored.updatedBy } : {}),
    ...(rest ? { rest: { ...rest, clientSecret: reveal('rest.clientSecret', rest.clientSecret) } as T } : {}),
  };
  return result;
}

/** Decrypts every secret; a failure names the school and field (never the value) and stops. */
export function openSchool(stored: School, cipher: SecretCipher): SchoolWithSecrets {
  return view<NonNullable<SchoolConfig['rest']>>(stored, (field, sealed) => {
    try {
      return cipher.decrypt(sealed, contextOf(stored._id, field));
    } catch (error) {
      if (error instanceof SecretDecryptError)
        throw new SecretDecryptError(`school '${stored._id}' ${field}: ${error.message}`, { cause: error });
      throw error;
    }
  });
}

/** Fingerprints every secret; one that cannot be decrypted is shown as such rather than failing the view. */
export function maskSchool(stored: School, cipher: SecretCipher): SchoolPublic {
  return view<NonNullable<SchoolPublic['rest']>>(stored, (field, sealed) => {
    try {
      return maskSecret(cipher.decrypt(sealed, contextOf(stored._id, field)));
    } catch {
      return UNREADABLE_SECRET;
    }
  });
}
