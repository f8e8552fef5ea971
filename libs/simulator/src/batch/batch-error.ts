import { ERROR_IDS, ERROR_MESSAGE } from '@isams-sync/isams';
import { close, declaration, element, open } from '../xml/xml-text';

/** An error answer: HTTP status plus iSAMS's `<Message>` body. */
export interface BatchErrorAnswer {
  status: number;
  messageId: string;
  title: string;
  description: string;
  headers?: Readonly<Record<string, string>>;
}

export const DEADLOCK_DESCRIPTION =
  'Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.';
export const LOCK_TIMEOUT_DESCRIPTION = 'Lock request time out period exceeded.  The statement has been terminated.';

/** The title iSAMS gives every UnhandledException (recorded deadlock and lock time-out answers); the C# client's retry keys on it. */
export const UNHANDLED_TITLE = 'Unknown Error';

/** `Module - Method`, the way a recorded FiltersRequiredException names a method. */
function spokenMethod(method: string): string {
  const [module, name] = method.split('_');
  return `"${module} - ${name}"`;
}

/** The error body, declared utf-16 like the ones iSAMS sends (the bytes are UTF-8). */
export function errorXml(answer: Pick<BatchErrorAnswer, 'messageId' | 'title' | 'description'>): string {
  return (
    declaration('utf-16') +
    open(0, ERROR_MESSAGE.root) +
    element(1, ERROR_MESSAGE.messageId, answer.messageId) +
    element(1, ERROR_MESSAGE.messageName, answer.messageId) +
    element(1, ERROR_MESSAGE.title, answer.title) +
    element(1, ERROR_MESSAGE.description, answer.description) +
    close(0, ERROR_MESSAGE.root)
  );
}

export const batchErrors = {
  missingApiKey: (): BatchErrorAnswer => ({
    status: 400,
    messageId: ERROR_IDS.missingParameter,
    title: 'Missing Parameter',
    description: 'The required parameter apiKey was not supplied.',
  }),
  invalidApiKey: (): BatchErrorAnswer => ({
    status: 401,
    messageId: ERROR_IDS.invalidApiKey,
    title: 'Invalid API Key',
    description: 'The API key supplied is invalid, inactive or has been revoked.',
  }),
  methodsNotAllocated: (methods: readonly string[]): BatchErrorAnswer => ({
    status: 403,
    messageId: ERROR_IDS.methodsNotAllocated,
    title: 'Methods Not Allocated To Key',
    // iSAMS lists the offending names lower-cased
    description: `The following methods specified in the MethodsToRun filter are not allocated to the requested key: ${methods.map((method) => method.toLowerCase()).join(', ')}`,
  }),
  filtersRequired: (methods: readonly string[]): BatchErrorAnswer => ({
    status: 400,
    messageId: ERROR_IDS.filtersRequired,
    title: 'Filters Required',
    description:
      methods.map((method) => `Method ${spokenMethod(method)} requires at least one filter.`).join(' ') +
      ' No filters have been supplied.',
  }),
  deadlock: (): BatchErrorAnswer => ({
    status: 500,
    messageId: ERROR_IDS.unhandled,
    title: UNHANDLED_TITLE,
    description: DEADLOCK_DESCRIPTION,
  }),
  lockTimeout: (): BatchErrorAnswer => ({
    status: 500,
    messageId: ERROR_IDS.unhandled,
    title: UNHANDLED_TITLE,
    description: LOCK_TIMEOUT_DESCRIPTION,
  }),
  malformedFilters: (reason: string): BatchErrorAnswer => ({
    status: 500,
    messageId: ERROR_IDS.unhandled,
    title: UNHANDLED_TITLE,
    description: `There was an error parsing the filter XML. ${reason}`,
  }),
  throttled: (limit: number, windowSeconds: number, retryAfterSeconds?: number): BatchErrorAnswer => ({
    status: 429,
    messageId: ERROR_IDS.throttled,
    title: 'Request Limit Exceeded',
    description: `This API key is limited to ${limit} requests every ${windowSeconds} seconds. Please try again later.`,
    headers: retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) },
  }),
};
