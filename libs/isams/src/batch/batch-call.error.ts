import { PermanentError, RetryableError } from '@isams-sync/resilience';
import type { IsamsErrorMessage } from '../xml/isams-error-message.parser';
import { knownMethodName } from './batch-methods';
import { ERROR_IDS } from './element-names';

/** What went wrong with one Batch API call, in the terms the sync acts on. */
export type BatchErrorKind =
  | 'invalid-key'
  | 'method-not-allocated'
  | 'ip-blocked'
  | 'missing-parameter'
  | 'filters-required'
  | 'deadlock'
  | 'lock-timeout'
  | 'malformed-filter'
  | 'throttled'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'unknown-host'
  | 'too-large'
  | 'unexpected-response';

export interface BatchCallErrorDetails {
  kind: BatchErrorKind;
  fix: string;
  httpStatus?: number;
  messageId?: string;
  retryAfterMs?: number;
  cause?: unknown;
  dataset?: string;
}

/** The fields both kinds of Batch failure carry. `fix` is for a person; the message never holds the key or the full URL. */
interface BatchFailureFields {
  readonly kind: BatchErrorKind;
  readonly fix: string;
  readonly httpStatus?: number;
  readonly messageId?: string;
}

function assignFields(
  target: { -readonly [K in keyof BatchFailureFields]?: BatchFailureFields[K] },
  details: BatchCallErrorDetails,
): void {
  target.kind = details.kind;
  target.fix = details.fix;
  if (details.httpStatus !== undefined) target.httpStatus = details.httpStatus;
  if (details.messageId !== undefined) target.messageId = details.messageId;
}

/** A Batch failure worth trying again later (deadlock, throttling, iSAMS down, time-out): the call guard retries it. */
export class BatchRetryableError extends RetryableError implements BatchFailureFields {
  readonly kind!: BatchErrorKind;
  readonly fix!: string;
  readonly httpStatus?: number;
  readonly messageId?: string;
  /** derived from the class, never set on its own: the class is the decision */
  readonly retryable = true;
  constructor(message: string, details: BatchCallErrorDetails) {
    super(
      message,
      { dataset: details.dataset, fix: details.fix },
      { cause: details.cause, retryAfterMs: details.retryAfterMs },
    );
    this.name = 'BatchRetryableError';
    assignFields(this, details);
  }
}

/** A Batch failure retrying cannot fix (wrong key, method not ticked, IP not allowed, our bug): fail the dataset now, do not trip the breaker. */
export class BatchPermanentError extends PermanentError implements BatchFailureFields {
  readonly kind!: BatchErrorKind;
  readonly fix!: string;
  readonly httpStatus?: number;
  readonly messageId?: string;
  readonly retryAfterMs?: number;
  readonly retryable = false;
  constructor(message: string, details: BatchCallErrorDetails) {
    super(message, { dataset: details.dataset, fix: details.fix }, { cause: details.cause });
    this.name = 'BatchPermanentError';
    assignFields(this, details);
  }
}

export type BatchCallError = BatchRetryableError | BatchPermanentError;

export function isBatchCallError(error: unknown): error is BatchCallError {
  return error instanceof BatchRetryableError || error instanceof BatchPermanentError;
}

/** The BatchCallError behind a failure, however many retries wrapped it. */
export function batchCallErrorIn(error: unknown): BatchCallError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isBatchCallError(e)) return e;
  }
  return undefined;
}

/** Replaces every occurrence of the key (case-insensitive: iSAMS GUIDs are) with a masked form. */
export function maskApiKey(text: string, apiKey: string): string {
  if (apiKey.length === 0) return text;
  const escaped = apiKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), maskedKey(apiKey));
}

/** Enough of the key to tell two keys apart in a log, not enough to use it. */
export function maskedKey(apiKey: string): string {
  return apiKey.length <= 8 ? '****' : `${apiKey.slice(0, 4)}…${apiKey.slice(-2)}`;
}

/** What the client saw of a failed (or error-bodied) answer, before classification. */
export interface BatchAnswerFacts {
  httpStatus: number;
  /** the parsed `<Message>` body, when the body was one */
  message?: IsamsErrorMessage;
  retryAfterMs?: number;
  /** the dataset the key is for, only to word the fix */
  dataset?: string;
}

/**
 * Method names an error description lists: after the colon of "…not allocated to the requested key:
 * pupil_getapplicant, school_getallyears" (iSAMS lower-cases them), or quoted as `"Module - Method"` in
 * "Method "SchoolReports - GetReports" requires at least one filter" (recorded FiltersRequiredException).
 * Known ones get their real spelling back.
 */
export function methodsInDescription(description: string | undefined): string[] {
  if (!description) return [];
  const spell = (name: string) => knownMethodName(name) ?? name;
  const quoted = [...description.matchAll(/"([A-Za-z]+) - ([A-Za-z]+)"/g)].map((match) =>
    spell(`${match[1]}_${match[2]}`),
  );
  if (quoted.length > 0) return quoted;
  const colon = description.lastIndexOf(':');
  if (colon < 0) return [];
  return description
    .slice(colon + 1)
    .split(',')
    .map((name) => name.trim().replace(/\.$/, ''))
    .filter((name) => /^[A-Za-z]+_[A-Za-z]+$/.test(name))
    .map(spell);
}

const CONTROL_PANEL = 'iSAMS Control Panel > API Services';
const IP_RESTRICTIONS = `${CONTROL_PANEL} > Batch API Keys > Update IP Restrictions`;

function onKey(dataset: string | undefined): string {
  return dataset ? `the ${dataset} key` : 'the API key used for this dataset';
}

function describe(facts: BatchAnswerFacts): string {
  const { message, httpStatus } = facts;
  const id = message?.messageId ? ` ${message.messageId}` : '';
  const text = message?.description ?? message?.title;
  return `iSAMS answered HTTP ${httpStatus}${id}${text ? `: ${text}` : ''}`;
}

type Rule = { kind: BatchErrorKind; retryable: boolean; fix: (facts: BatchAnswerFacts) => string };

const RULES: Record<Exclude<BatchErrorKind, 'timeout' | 'network' | 'unknown-host' | 'too-large'>, Rule> = {
  'invalid-key': {
    kind: 'invalid-key',
    retryable: false,
    fix: (f) =>
      `In ${CONTROL_PANEL}, check that ${onKey(f.dataset)} exists, is Active and matches the key registered for this school; re-enter it with "isams-sync school update" if it was regenerated`,
  },
  'method-not-allocated': {
    kind: 'method-not-allocated',
    retryable: false,
    fix: (f) => {
      const methods = methodsInDescription(f.message?.description);
      const what = methods.length > 0 ? methods.join(', ') : 'the methods this dataset needs';
      return `In ${CONTROL_PANEL}, tick ${what} on ${onKey(f.dataset)}`;
    },
  },
  'ip-blocked': {
    kind: 'ip-blocked',
    retryable: false,
    fix: (f) =>
      `iSAMS refused the call before reading the key (HTTP 403 without an iSAMS message): add SchoolsBuddy's outgoing addresses to the IP allow-list of ${onKey(f.dataset)} in ${IP_RESTRICTIONS}`,
  },
  'missing-parameter': {
    kind: 'missing-parameter',
    retryable: false,
    fix: () =>
      'A bug in isams-sync (a required request parameter was not sent): report it to SchoolsBuddy support with the run id',
  },
  'filters-required': {
    kind: 'filters-required',
    retryable: false,
    fix: (f) => {
      const methods = methodsInDescription(f.message?.description);
      return `isams-sync must send a filter for ${methods.length > 0 ? methods.join(', ') : 'a method on this key'}; if the school ticked it by mistake, untick it on ${onKey(f.dataset)} in ${CONTROL_PANEL}`;
    },
  },
  deadlock: {
    kind: 'deadlock',
    retryable: true,
    fix: () =>
      'Nothing to do: iSAMS hit a database deadlock; the call is retried. If it keeps happening, ask the school to move the sync window away from busy iSAMS jobs',
  },
  'lock-timeout': {
    kind: 'lock-timeout',
    retryable: true,
    fix: () =>
      'Nothing to do: the iSAMS database was busy (lock time-out); the call is retried. If it keeps happening, ask the school to move the sync window',
  },
  'malformed-filter': {
    kind: 'malformed-filter',
    retryable: false,
    fix: () =>
      'A bug in isams-sync (iSAMS could not read the filter XML it sent): report it to SchoolsBuddy support with the run id',
  },
  throttled: {
    kind: 'throttled',
    retryable: true,
    fix: (f) =>
      `iSAMS is limiting requests on ${onKey(f.dataset)}; the call is retried later. If it persists, raise the key's request limit in ${CONTROL_PANEL}`,
  },
  'server-error': {
    kind: 'server-error',
    retryable: true,
    fix: () =>
      'iSAMS (or a proxy in front of it) failed or is unavailable; the call is retried. If it persists, check with the school that iSAMS is up',
  },
  'unexpected-response': {
    kind: 'unexpected-response',
    retryable: false,
    fix: () =>
      "iSAMS did not answer like the Batch API: check the school's iSAMS access URL (and that the Batch API is enabled for it)",
  },
};

function ruleFor(facts: BatchAnswerFacts): Rule {
  const { httpStatus, message } = facts;
  const id = message?.messageId?.toLowerCase();
  const description = message?.description ?? '';
  if (id === ERROR_IDS.invalidApiKey.toLowerCase()) return RULES['invalid-key'];
  if (id === ERROR_IDS.methodsNotAllocated.toLowerCase()) return RULES['method-not-allocated'];
  if (id === ERROR_IDS.missingParameter.toLowerCase()) return RULES['missing-parameter'];
  if (id === ERROR_IDS.filtersRequired.toLowerCase()) return RULES['filters-required'];
  if (id === ERROR_IDS.throttled.toLowerCase()) return RULES.throttled;
  if (id === ERROR_IDS.unhandled.toLowerCase()) {
    if (/deadlock|rerun the transaction/i.test(description)) return RULES.deadlock;
    if (/lock request time ?-?out/i.test(description)) return RULES['lock-timeout'];
    if (/filter/i.test(description)) return RULES['malformed-filter'];
    return RULES['server-error'];
  }
  if (httpStatus === 429) return RULES.throttled;
  // An error id we do not know: iSAMS may signal throttling this way (unconfirmed), so back off.
  if (id !== undefined) return RULES['server-error'];
  if (httpStatus === 401) return RULES['invalid-key'];
  // iSAMS answers a key it does not know with InvalidApiKey and an unticked method with its id: a
  // bare 403 comes from the key's IP (or domain) restriction, in front of the Batch service.
  if (httpStatus === 403) return RULES['ip-blocked'];
  if (httpStatus === 408 || httpStatus >= 500) return RULES['server-error'];
  return RULES['unexpected-response'];
}

/**
 * Classifies an answer iSAMS gave (an HTTP error, or a 200 whose body is a `<Message>`) by its
 * message id and, for `UnhandledException` (title "Unknown Error"), its description: the recorded
 * deadlock and lock time-out answers are retryable, everything a person must change is permanent.
 * Pure: the caller masks the key before the text gets here.
 */
export function classifyBatchAnswer(facts: BatchAnswerFacts): BatchCallError {
  const rule = ruleFor(facts);
  const details: BatchCallErrorDetails = {
    kind: rule.kind,
    fix: rule.fix(facts),
    httpStatus: facts.httpStatus,
    messageId: facts.message?.messageId,
    retryAfterMs: rule.retryable ? facts.retryAfterMs : undefined,
    dataset: facts.dataset,
  };
  return rule.retryable
    ? new BatchRetryableError(describe(facts), details)
    : new BatchPermanentError(describe(facts), details);
}

/** Failures that happen before or instead of an answer. */
export function transportError(
  kind: 'timeout' | 'network' | 'unknown-host' | 'too-large',
  message: string,
  cause?: unknown,
): BatchCallError {
  const fixes = {
    timeout:
      "Nothing to do unless it repeats: iSAMS took too long to answer and the call is retried; if it keeps happening, the school should check the key's methods (fewer, smaller answers) or iSAMS load",
    network:
      "Nothing to do unless it repeats: the connection to iSAMS failed and the call is retried; if it persists, check the school's iSAMS access URL and that iSAMS is reachable",
    'unknown-host':
      'The school\'s iSAMS access URL names a host that does not exist: correct it with "isams-sync school update --access-url" (it looks like yourschool.isams.cloud)',
    'too-large':
      "The answer is larger than isams-sync accepts: check that only this dataset's methods are ticked on the key, or raise the size limit",
  } as const;
  const details = { kind, fix: fixes[kind], cause };
  return kind === 'timeout' || kind === 'network'
    ? new BatchRetryableError(message, details)
    : new BatchPermanentError(message, details);
}
