import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { SecretDecryptError, SecretKeyError } from './secret-errors';

/**
 * A secret as stored at rest. `v` is the format version; `kid` names the key that encrypted it,
 * so a key can be rotated: the new key encrypts, the old ones still decrypt until re-encrypted.
 */
export interface EncryptedSecret {
  v: 1;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export interface SecretKeyRing {
  /** Base64 of 32 bytes: encrypts every new value. */
  current: string;
  /** Older keys, still accepted for decryption while values are re-encrypted. */
  previous?: readonly string[];
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12; // the size GCM is designed for; random per value, so a key never reuses one
const TAG_BYTES = 16;

function keyFromBase64(base64: string, which: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new SecretKeyError(
      `${which} secrets key must be base64 of exactly 32 bytes (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

/** A short public name for a key: lets a value say which key it needs without revealing the key. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('isams-sync/secrets-key-id/').update(key).digest('hex').slice(0, 8);
}

export function isEncryptedSecret(value: unknown): value is EncryptedSecret {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.v === 1 &&
    typeof v.kid === 'string' &&
    typeof v.iv === 'string' &&
    typeof v.tag === 'string' &&
    typeof v.data === 'string'
  );
}

/**
 * AES-256-GCM for school secrets (Batch keys, REST client secrets). `context` is bound in as
 * additional authenticated data (e.g. the school and field), so a value copied to another
 * school or field fails to decrypt instead of silently working there.
 */
export class SecretCipher {
  private readonly currentKey: Buffer;
  private readonly keys = new Map<string, Buffer>();

  constructor(ring: SecretKeyRing) {
    this.currentKey = keyFromBase64(ring.current, 'current');
    this.keys.set(keyIdOf(this.currentKey), this.currentKey);
    (ring.previous ?? []).forEach((b64, i) => {
      const key = keyFromBase64(b64, `previous[${i}]`);
      if (!this.keys.has(keyIdOf(key))) this.keys.set(keyIdOf(key), key);
    });
  }

  static fromBase64(current: string, previous: readonly string[] = []): SecretCipher {
    return new SecretCipher({ current, previous });
  }

  get currentKeyId(): string {
    return keyIdOf(this.currentKey);
  }

  encrypt(plaintext: string, context = ''): EncryptedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.currentKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      v: 1,
      kid: this.currentKeyId,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  decrypt(secret: EncryptedSecret, context = ''): string {
    if (!isEncryptedSecret(secret))
      throw new SecretDecryptError('not an encrypted secret (expected { v: 1, kid, iv, tag, data })');
    const key = this.keys.get(secret.kid);
    if (!key) {
      throw new SecretDecryptError(
        `secret was encrypted with key id ${secret.kid}, which is not the current SECRETS_KEY (id ${this.currentKeyId}) nor a previous one; set the key it was written with`,
      );
    }
    const iv = Buffer.from(secret.iv, 'base64');
    const tag = Buffer.from(secret.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
      throw new SecretDecryptError(`secret (key id ${secret.kid}) is damaged: bad iv or tag length`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(secret.data, 'base64')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SecretDecryptError(
        `secret (key id ${secret.kid}) failed authentication: it was altered, or belongs to another school or field`,
        { cause: error },
      );
    }
  }

  /** True when the value was written with an older key and should be re-encrypted with the current one. */
  needsReencryption(secret: EncryptedSecret): boolean {
    return secret.kid !== this.currentKeyId;
  }
}
