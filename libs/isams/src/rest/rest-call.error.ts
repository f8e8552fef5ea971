import { PermanentError, RetryableError, parseRetryAfter } from '@isams-sync/resilience';

/** What went wrong with one REST call, in the terms the pull acts on. */
export type RestErrorKind =
  | 'invalid-client'
  | 'unauthorised'
  | 'forbidden'
  | 'bad-request'
  | 'not-found'
  | 'throttled'
  | 'unavailable'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'unexpected-response';

interface RestErrorFields {
  kind: RestErrorKind;
  schoolId: string;
  httpStatus?: number;
  fix: string;
}

/** A REST failure worth retrying later (throttled, down, time-out). `retryAfterMs` carries the server's Retry-After. */
export class RestRetryableError extends RetryableError {
  readonly kind: RestErrorKind;
  readonly httpStatus?: number;
  readonly retryable = true;
  constructor(message: string, fields: RestErrorFields, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, { schoolId: fields.schoolId, dataset: 'rest', fix: fields.fix }, options);
    this.name = 'RestRetryableError';
    this.kind = fields.kind;
    if (fields.httpStatus !== undefined) this.httpStatus = fields.httpStatus;
  }
}

/** A REST failure that retrying cannot fix (wrong credentials, no permission, a bad request): a person must act. */
export class RestPermanentError extends PermanentError {
  readonly kind: RestErrorKind;
  readonly httpStatus?: number;
  readonly retryable = false;
  constructor(message: string, fields: RestErrorFields, options?: { cause?: unknown }) {
    super(message, { schoolId: fields.schoolId, dataset: 'rest', fix: fields.fix }, options);
    this.name = 'RestPermanentError';
    this.kind = fields.kind;
    if (fields.httpStatus !== undefined) this.httpStatus = fields.httpStatus;
  }
}

export type RestCallError = RestRetryableError | RestPermanentError;

/** What the client saw of a failed answer. `body` is the (small) error body as text, never logged whole. */
export interface RestAnswerFacts {
  schoolId: string;
  /** 'token' for the token endpoint, else the API path (no query string) */
  call: 'token' | string;
  httpStatus: number;
  body: string;
  retryAfterHeader?: string | null;
  now?: Date;
}

const credentialsFix = (schoolId: string) =>
  `check the REST client id and secret of school '${schoolId}' (isams-sync school update --id ${schoolId} --rest-client-id … --rest-client-secret …) and that the client is active in iSAMS with the restapi scope`;

/** The `message` of a JSON error body (or an OAuth2 `error_description`/`error`), shortened; never the whole body. */
export function restErrorMessage(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const text = [json.message, json.error_description, json.error].find(
      (v) => typeof v === 'string' && v.trim() !== '',
    );
    return typeof text === 'string' ? text.trim().slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns a non-2xx answer into a typed error. Credentials and permissions (401 after a refresh, 400,
 * 403 from the token endpoint or the API) are permanent and name the school's REST settings;
 * throttling, unavailability and other 5xx are retryable and carry Retry-After when sent.
 */
export function classifyRestAnswer(facts: RestAnswerFacts): RestCallError {
  const { schoolId, call, httpStatus } = facts;
  const said = restErrorMessage(facts.body);
  const where = call === 'token' ? 'the iSAMS REST token endpoint' : `iSAMS REST ${call}`;
  const text = `school '${schoolId}': ${where} answered ${httpStatus}${said ? ` (${said})` : ''}`;
  const retryAfterMs = parseRetryAfter(facts.retryAfterHeader ?? null, facts.now);
  const fields = (kind: RestErrorKind, fix: string): RestErrorFields => ({ kind, schoolId, httpStatus, fix });

  if (httpStatus === 401) {
    return new RestPermanentError(
      text,
      fields(call === 'token' ? 'invalid-client' : 'unauthorised', credentialsFix(schoolId)),
    );
  }
  if (httpStatus === 403) {
    return new RestPermanentError(
      text,
      fields(
        'forbidden',
        `give the REST client of school '${schoolId}' access to the registration endpoints in iSAMS (API Services > REST API client permissions)`,
      ),
    );
  }
  if (httpStatus === 400) {
    const fix =
      call === 'token'
        ? credentialsFix(schoolId)
        : 'this is a bug in isams-sync or an iSAMS change: report it with this message';
    return new RestPermanentError(text, fields(call === 'token' ? 'invalid-client' : 'bad-request', fix));
  }
  if (httpStatus === 404) {
    return new RestPermanentError(
      text,
      fields(
        'not-found',
        `check the AM/PM register ids of school '${schoolId}' (isams-sync school update --id ${schoolId} --am-register-id … --pm-register-id …) and its access URL`,
      ),
    );
  }
  if (httpStatus === 429) {
    return new RestRetryableError(text, fields('throttled', 'none: iSAMS is throttling; the pull is retried later'), {
      retryAfterMs,
    });
  }
  if (httpStatus === 502 || httpStatus === 503 || httpStatus === 504) {
    return new RestRetryableError(
      text,
      fields('unavailable', "none if it passes: the school's iSAMS is unavailable; the pull is retried later"),
      { retryAfterMs },
    );
  }
  if (httpStatus >= 500) {
    return new RestRetryableError(
      text,
      fields('server-error', 'none if it passes: iSAMS failed; the pull is retried later'),
      { retryAfterMs },
    );
  }
  return new RestPermanentError(
    text,
    fields('unexpected-response', 'this is a bug in isams-sync or an iSAMS change: report it with this message'),
  );
}

/** A time-out or network failure before any answer. */
export function restTransportError(
  schoolId: string,
  call: string,
  error: unknown,
  timedOut: boolean,
): RestRetryableError {
  const where = call === 'token' ? 'the iSAMS REST token endpoint' : `iSAMS REST ${call}`;
  const reason = timedOut
    ? 'did not answer in time'
    : `could not be reached (${(error as Error)?.message ?? String(error)})`;
  return new RestRetryableError(
    `school '${schoolId}': ${where} ${reason}`,
    {
      kind: timedOut ? 'timeout' : 'network',
      schoolId,
      fix: "none if it passes: check the school's access URL if it persists",
    },
    { cause: error },
  );
}
