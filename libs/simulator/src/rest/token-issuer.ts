import { randomBytes } from 'node:crypto';

export const REST_SCOPE = 'restapi';
export const DEFAULT_TOKEN_PATH = '/auth/connect/token';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export interface RestCredentials {
  clientId: string;
  clientSecret: string;
  tokenPath: string;
  tokenLifetimeSeconds: number;
}

export type TokenRequestOutcome =
  | { ok: true; accessToken: string; expiresIn: number }
  | {
      ok: false;
      status: 400 | 401;
      error: 'unsupported_grant_type' | 'invalid_client' | 'invalid_scope';
      description: string;
    };

/** OAuth2 client-credentials tokens for the REST API, expiring on the simulator's clock. */
export class TokenIssuer {
  private readonly tokens = new Map<string, number>();

  constructor(
    readonly credentials: RestCredentials,
    private readonly now: () => number,
  ) {}

  issue(
    grantType: string | undefined,
    clientId: string | undefined,
    clientSecret: string | undefined,
    scope: string | undefined,
  ): TokenRequestOutcome {
    if (grantType !== 'client_credentials') {
      return {
        ok: false,
        status: 400,
        error: 'unsupported_grant_type',
        description: 'Only grant_type=client_credentials is supported.',
      };
    }
    if (clientId !== this.credentials.clientId || clientSecret !== this.credentials.clientSecret) {
      return { ok: false, status: 401, error: 'invalid_client', description: 'Client authentication failed.' };
    }
    // Real clients ask without a scope (cranleighschool/isams-php) or with another one and get a
    // token: the scope is not checked, only the client.
    void scope;
    const accessToken = randomBytes(24).toString('base64url');
    const expiresIn = this.credentials.tokenLifetimeSeconds;
    this.tokens.set(accessToken, this.now() + expiresIn * 1000);
    this.forgetExpired();
    return { ok: true, accessToken, expiresIn };
  }

  /** True for a token this issuer gave out that has not expired. */
  isValid(token: string | undefined): boolean {
    if (!token) return false;
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && this.now() < expiresAt;
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) if (expiresAt <= now) this.tokens.delete(token);
  }
}
