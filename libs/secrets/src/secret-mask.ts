const DOTS = '••••';

/**
 * What people see instead of a secret: its last four characters, enough to tell two keys apart.
 * Short secrets show nothing at all, because four characters would be too much of them.
 */
export function maskSecret(secret: string): string {
  return secret.length >= 16 ? `${DOTS}${secret.slice(-4)}` : DOTS;
}
