import { DEFAULT_REST_PAGE_SIZE } from './rest-names';
import { classifyRestAnswer, RestPermanentError, restTransportError } from './rest-call.error';
import { type RestCredentials, RestTokenProvider, type TokenProviderOptions } from './rest-token.provider';

export interface RestClientOptions extends TokenProviderOptions {
  /** per request (each page is one request) */
  timeoutMs?: number;
  pageSize?: number;
  /** bounds a server that keeps reporting more pages */
  maxPages?: number;
}

/** One call's options: a signal from the call guard (breaker time-out, shutdown). */
export interface RestCallOptions {
  signal?: AbortSignal;
}

interface PagedAnswer {
  page?: unknown;
  totalPages?: unknown;
  totalCount?: unknown;
  [array: string]: unknown;
}

/**
 * One school's iSAMS REST API: bearer token from the client-credentials grant, one retry with a
 * new token on 401, every page of a list, and typed errors (RestRetryableError / RestPermanentError).
 * It never retries anything else itself: the caller's guard (breaker, limiter, backoff) owns that.
 * Neither the secret nor the token appears in any error or log line.
 */
export class IsamsRestClient {
  readonly tokens: RestTokenProvider;
  private readonly fetchImpl: typeof fetch;
  private readonly baseUrl: string;

  constructor(
    readonly credentials: RestCredentials,
    private readonly options: RestClientOptions = {},
  ) {
    this.tokens = new RestTokenProvider(credentials, options);
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.baseUrl = credentials.accessUrl.replace(/\/+$/, '');
  }

  get schoolId(): string {
    return this.credentials.schoolId;
  }

  /** Every record of a paged list, in page order. */
  async getAll(
    path: string,
    arrayName: string,
    query: Record<string, string> = {},
    options: RestCallOptions = {},
  ): Promise<unknown[]> {
    const pageSize = this.options.pageSize ?? DEFAULT_REST_PAGE_SIZE;
    const maxPages = this.options.maxPages ?? 1000;
    const records: unknown[] = [];
    for (let page = 1; ; page++) {
      const answer = (await this.getJson(
        path,
        { ...query, page: String(page), pageSize: String(pageSize) },
        options,
      )) as PagedAnswer;
      const items = answer[arrayName];
      if (!Array.isArray(items)) throw this.unexpected(path, `has no '${arrayName}' list`);
      records.push(...items);
      const totalPages = typeof answer.totalPages === 'number' ? answer.totalPages : 1;
      if (page >= totalPages || items.length === 0) return records;
      if (page >= maxPages) throw this.unexpected(path, `reports more than ${maxPages} pages`);
    }
  }

  /** One GET answered with JSON; a 401 gets one new token and one retry. */
  async getJson(path: string, query: Record<string, string> = {}, options: RestCallOptions = {}): Promise<unknown> {
    const url = `${this.baseUrl}${path}${Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : ''}`;
    let token = await this.tokens.token(options.signal);
    let response = await this.send(url, path, token, options.signal);
    if (response.status === 401) {
      await response.body?.cancel();
      this.tokens.invalidate(token);
      token = await this.tokens.token(options.signal);
      response = await this.send(url, path, token, options.signal);
    }
    const text = await response.text();
    if (!response.ok) {
      throw classifyRestAnswer({
        schoolId: this.schoolId,
        call: path,
        httpStatus: response.status,
        body: text,
        retryAfterHeader: response.headers.get('retry-after'),
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.unexpected(path, 'is not JSON', error);
    }
  }

  private async send(url: string, path: string, token: string, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    try {
      return await this.fetchImpl(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw restTransportError(this.schoolId, path, error, timeout.aborted);
    }
  }

  private unexpected(path: string, what: string, cause?: unknown): RestPermanentError {
    return new RestPermanentError(
      `school '${this.schoolId}': the answer of iSAMS REST ${path} ${what}`,
      {
        kind: 'unexpected-response',
        schoolId: this.schoolId,
        fix: 'this is an iSAMS change or a wrong access URL: check the URL, then report it with this message',
      },
      cause === undefined ? undefined : { cause },
    );
  }
}
