import { randomBytes } from 'node:crypto';
import { type EncryptedSecret, SecretCipher } from './secret-cipher';
import { SecretDecryptError, SecretKeyError } from './secret-errors';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');
const cipher = SecretCipher.fromBase64(keyA);
const SECRET = '11111111-2222-3333-4444-555555555555';

/** Flips one bit of one byte of a base64 field, keeping its length. */
function flip(base64: string, index = 0): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[index] ^= 0x01;
  return bytes.toString('base64');
}

describe('SecretCipher', () => {
  it.each([
    ['a GUID batch key', SECRET],
    ['the empty string', ''],
    ['unicode', 'clé-ñ-日本-🔑'],
    ['a long value', 'x'.repeat(10_000)],
  ])('round-trips %s', (_label, plaintext) => {
    expect(cipher.decrypt(cipher.encrypt(plaintext))).toBe(plaintext);
  });

  it('stores the versioned shape, with a 12-byte IV and a 16-byte tag, and no plaintext', () => {
    const stored = cipher.encrypt(SECRET);
    expect(Object.keys(stored).sort()).toEqual(['data', 'iv', 'kid', 'tag', 'v']);
    expect(stored.v).toBe(1);
    expect(stored.kid).toBe(cipher.currentKeyId);
    expect(Buffer.from(stored.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(stored.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(stored)).not.toContain('5555');
  });

  it('uses a fresh IV for every value, so equal secrets never look equal', () => {
    const values = Array.from({ length: 50 }, () => cipher.encrypt(SECRET));
    expect(new Set(values.map((v) => v.iv)).size).toBe(50);
    expect(new Set(values.map((v) => v.data)).size).toBe(50);
  });

  it.each<[string, (s: EncryptedSecret) => EncryptedSecret]>([
    ['data', (s) => ({ ...s, data: flip(s.data, 3) })],
    ['tag', (s) => ({ ...s, tag: flip(s.tag) })],
    ['iv', (s) => ({ ...s, iv: flip(s.iv, 11) })],
  ])('detects a tampered %s', (_field, tamper) => {
    expect(() => cipher.decrypt(tamper(cipher.encrypt(SECRET)))).toThrow(/failed authentication/);
  });

  it.each<[string, (s: EncryptedSecret) => EncryptedSecret, RegExp]>([
    [
      'a truncated tag',
      (s) => ({ ...s, tag: Buffer.from(s.tag, 'base64').subarray(0, 8).toString('base64') }),
      /bad iv or tag length/,
    ],
    ['a missing field', (s) => ({ ...s, data: undefined as unknown as string }), /not an encrypted secret/],
    ['an unknown version', (s) => ({ ...s, v: 2 as 1 }), /not an encrypted secret/],
  ])('refuses %s', (_label, damage, message) => {
    expect(() => cipher.decrypt(damage(cipher.encrypt(SECRET)))).toThrow(message);
  });

  it('fails with the wrong key, naming both key ids and never the value', () => {
    const stored = cipher.encrypt(SECRET);
    const other = SecretCipher.fromBase64(keyB);
    let error: unknown;
    try {
      other.decrypt(stored);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SecretDecryptError);
    const message = (error as Error).message;
    expect(message).toContain(stored.kid);
    expect(message).toContain(other.currentKeyId);
    expect(message).toContain('SECRETS_KEY');
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(stored.data);
  });

  it('fails when a value is moved to another context (another school or field)', () => {
    const stored = cipher.encrypt(SECRET, 'school:a/batchKeys.pupils');
    expect(cipher.decrypt(stored, 'school:a/batchKeys.pupils')).toBe(SECRET);
    expect(() => cipher.decrypt(stored, 'school:b/batchKeys.pupils')).toThrow(SecretDecryptError);
    expect(() => cipher.decrypt(stored)).toThrow(SecretDecryptError);
  });

  it('rotates: the new key encrypts, the previous key still decrypts old values', () => {
    const old = cipher.encrypt(SECRET);
    const rotated = SecretCipher.fromBase64(keyB, [keyA]);
    expect(rotated.decrypt(old)).toBe(SECRET);
    expect(rotated.needsReencryption(old)).toBe(true);
    const fresh = rotated.encrypt(SECRET);
    expect(fresh.kid).not.toBe(old.kid);
    expect(rotated.needsReencryption(fresh)).toBe(false);
    expect(() => cipher.decrypt(fresh)).toThrow(SecretDecryptError);
  });

  it.each([
    ['too short', Buffer.alloc(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['not base64', '!'.repeat(44)],
    ['empty', ''],
  ])('refuses a key that is %s', (_label, key) => {
    expect(() => SecretCipher.fromBase64(key)).toThrow(SecretKeyError);
    expect(() => SecretCipher.fromBase64(keyA, [key])).toThrow(/previous\[0\]/);
  });
});
