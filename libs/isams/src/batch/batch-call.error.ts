import type { IsamsErrorMessage } from '../xml/isams-error-message.parser';
import { BATCH_METHODS } from './datasets';
import { ERROR_IDS } from './element-names';

/** What went wrong with one Batch API call, in the terms the sync acts on. */
export type BatchErrorKind =
  | 'invalid-key'
  | 'method-not-allocated'
  | 'missing-parameter'
  | 'filters-required'
  | 'deadlock'
  | 'lock-timeout'
  | 'malformed-filter'
  | 'throttled'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'too-large'
  | 'unexpected-response';

export interface BatchCallErrorDetails {
  kind: BatchErrorKind;
  retryable: boolean;
  fix: string;
  httpStatus?: number;
  messageId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A failed Batch call. `retryable` is what the call guard reads (false: fail the dataset now, do
 * not trip the breaker); `fix` is for a person. The message never holds the API key or the full URL.
 */
export class BatchCallError extends Error {
  readonly kind: BatchErrorKind;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly messageId?: string;
  readonly retryAfterMs?: number;
  readonly fix: string;

  constructor(message: string, details: BatchCallErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BatchCallError';
    this.kind = details.kind;
    this.retryable = details.retryable;
    this.fix = details.fix;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.messageId !== undefined) this.messageId = details.messageId;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
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

const KNOWN_METHODS: readonly string[] = Object.values(BATCH_METHODS);

/**
 * Method names listed after the colon of a description ("…not allocated to the requested key:
 * pupil_getcontacts, school_getallyears"). iSAMS lower-cases them; known ones get their real spelling back.
 */
export function methodsInDescription(description: string | undefined): string[] {
  if (!description) return [];
  const colon = description.lastIndexOf(':');
  if (colon < 0) return [];
  return description
    .slice(colon + 1)
    .split(',')
    .map((name) => name.trim().replace(/\.$/, ''))
    .filter((name) => /^[A-Za-z]+_[A-Za-z]+$/.test(name))
    .map((name) => KNOWN_METHODS.find((known) => known.toLowerCase() === name.toLowerCase()) ?? name);
}

const CONTROL_PANEL = 'iSAMS Control Panel > API Services';

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

const RULES: Record<Exclude<BatchErrorKind, 'timeout' | 'network' | 'too-large'>, Rule> = {
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
  'missing-parameter': {
    kind: 'missing-parameter',
    retryable: false,
    fix: () => 'A bug in isams-sync (a required request parameter was not sent): report it to SchoolsBuddy support with the run id',
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
    fix: () => 'Nothing to do: iSAMS hit a database deadlock; the call is retried. If it keeps happening, ask the school to move the sync window away from busy iSAMS jobs',
  },
  'lock-timeout': {
    kind: 'lock-timeout',
    retryable: true,
    fix: () => 'Nothing to do: the iSAMS database was busy (lock time-out); the call is retried. If it keeps happening, ask the school to move the sync window',
  },
  'malformed-filter': {
    kind: 'malformed-filter',
    retryable: false,
    fix: () => 'A bug in isams-sync (iSAMS could not read the filter XML it sent): report it to SchoolsBuddy support with the run id',
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
    fix: () => 'iSAMS (or a proxy in front of it) failed or is unavailable; the call is retried. If it persists, check with the school that iSAMS is up',
  },
  'unexpected-response': {
    kind: 'unexpected-response',
    retryable: false,
    fix: () => "iSAMS did not answer like the Batch API: check the school's iSAMS access URL (and that the Batch API is enabled for it)",
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
  if (httpStatus === 403) return RULES['method-not-allocated'];
  if (httpStatus === 408 || httpStatus >= 500) return RULES['server-error'];
  return RULES['unexpected-response'];
}

/**
 * Classifies an answer iSAMS gave (an HTTP error, or a 200 whose body is a `<Message>`), per the
 * Errors table of ../shared/ISAMS.md. Pure: the caller masks the key before the text gets here.
 */
export function classifyBatchAnswer(facts: BatchAnswerFacts): BatchCallError {
  const rule = ruleFor(facts);
  return new BatchCallError(describe(facts), {
    kind: rule.kind,
    retryable: rule.retryable,
    fix: rule.fix(facts),
    httpStatus: facts.httpStatus,
    messageId: facts.message?.messageId,
    retryAfterMs: rule.retryable ? facts.retryAfterMs : undefined,
  });
}

/** Failures that happen before or instead of an answer. */
export function transportError(kind: 'timeout' | 'network' | 'too-large', message: string, cause?: unknown): BatchCallError {
  const fixes = {
    timeout: 'Nothing to do unless it repeats: iSAMS took too long to answer and the call is retried; if it keeps happening, the school should check the key\'s methods (fewer, smaller answers) or iSAMS load',
    network: "Nothing to do unless it repeats: the connection to iSAMS failed and the call is retried; if it persists, check the school's iSAMS access URL and that iSAMS is reachable",
    'too-large': 'The answer is larger than isams-sync accepts: check that only this dataset\'s methods are ticked on the key, or raise the size limit',
  } as const;
  return new BatchCallError(message, { kind, retryable: kind !== 'too-large', fix: fixes[kind], cause });
}
