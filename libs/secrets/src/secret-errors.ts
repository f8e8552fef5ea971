/**
 * A stored secret could not be decrypted. The message names the key id and the likely fix,
 * never the value (neither the ciphertext nor anything derived from the plaintext).
 */
export class SecretDecryptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretDecryptError';
  }
}

/** The secrets key itself is unusable (not base64 of 32 bytes). */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}
