import { REST_SCOPE } from './rest-names';
import { classifyRestAnswer, RestPermanentError, restTransportError } from './rest-call.error';

export interface RestCredentials {
  schoolId: string;
  /** the school's iSAMS access URL */
  accessUrl: string;
  clientId: string;
  /** never logged, never put in an error message */
  clientSecret: string;
  /** e.g. /auth/connect/token (older hosts: /main/auth/connect/token, /Main/sso/idp/connect/token) */
  tokenPath: string;
}

export interface TokenProviderOptions {
  fetchImpl?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /** refresh this long before `expires_in` runs out, so a token never expires mid-request */
  refreshMarginMs?: number;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/**
 * OAuth2 client-credentials tokens for one school's REST API. The token is cached until shortly
 * before it expires; concurrent callers that find it missing share one request for a new one.
 */
export class RestTokenProvider {
  private cached?: CachedToken;
  private inFlight?: Promise<string>;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(
    private readonly credentials: RestCredentials,
    private readonly options: TokenProviderOptions = {},
  ) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.now = options.now ?? Date.now;
  }

  /** A valid token: the cached one, or a fresh one (one request however many callers ask at once). */
  async token(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt) return this.cached.value;
    this.inFlight ??= this.request(signal).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /**
   * Forgets `rejected` (the token an API call was refused with). A token another caller already
   * replaced stays, so a burst of 401s for one stale token costs one refresh.
   */
  invalidate(rejected: string): void {
    if (this.cached?.value === rejected) this.cached = undefined;
  }

  private async request(signal?: AbortSignal): Promise<string> {
    const { schoolId, accessUrl, clientId, clientSecret, tokenPath } = this.credentials;
    const url = `${accessUrl.replace(/\/+$/, '')}${tokenPath}`;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: REST_SCOPE,
    });
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw restTransportError(schoolId, 'token', error, timeout.aborted);
    }
    const text = await response.text();
    if (!response.ok) {
      throw classifyRestAnswer({
        schoolId,
        call: 'token',
        httpStatus: response.status,
        body: text,
        retryAfterHeader: response.headers.get('retry-after'),
      });
    }
    let json: { access_token?: unknown; expires_in?: unknown };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = {};
    }
    if (typeof json.access_token !== 'string' || json.access_token === '') {
      throw new RestPermanentError(
        `school '${schoolId}': the iSAMS REST token endpoint answered 200 without an access_token`,
        {
          kind: 'unexpected-response',
          schoolId,
          httpStatus: response.status,
          fix: `check the REST token path of school '${schoolId}' (isams-sync school update --id ${schoolId} --rest-token-path …)`,
        },
      );
    }
    const lifetimeMs = (typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 300) * 1000;
    // Refresh a minute early, or at half-life for short tokens, so a token never runs out mid-pull.
    const margin = Math.min(this.options.refreshMarginMs ?? 60_000, lifetimeMs / 2);
    this.cached = { value: json.access_token, expiresAt: this.now() + lifetimeMs - margin };
    return json.access_token;
  }
}
