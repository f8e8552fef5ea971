import { PermanentError, RetryableError } from '@isams-sync/resilience';
import {
  isBatchCallError,
  classifyBatchAnswer,
  maskApiKey,
  maskedKey,
  methodsInDescription,
  transportError,
  type BatchErrorKind,
} from './batch-call.error';

const DEADLOCK =
  'Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.';

describe('classifyBatchAnswer', () => {
  type Row = [string, number, string | undefined, string | undefined, BatchErrorKind, boolean, RegExp];
  it.each<Row>([
    [
      'invalid key',
      401,
      'InvalidApiKey',
      'The API key supplied is invalid',
      'invalid-key',
      false,
      /Active and matches the key/,
    ],
    ['bare 401', 401, undefined, undefined, 'invalid-key', false, /API Services/],
    [
      'method not on key, named',
      403,
      'MethodsNotAllocatedToKeyException',
      'The following methods specified in the MethodsToRun filter are not allocated to the requested key: contactadvanced_getcontacts',
      'method-not-allocated',
      false,
      /tick ContactAdvanced_GetContacts on the contacts key/,
    ],
    [
      'method not on key, unnamed',
      403,
      'MethodsNotAllocatedToKeyException',
      undefined,
      'method-not-allocated',
      false,
      /tick the methods this dataset needs/,
    ],
    [
      'missing parameter',
      400,
      'MissingParameter',
      'The required parameter apiKey was not supplied.',
      'missing-parameter',
      false,
      /bug in isams-sync/,
    ],
    [
      'filters required',
      400,
      'FiltersRequiredException',
      'The following methods require filters to be supplied with the request: Registration_GetRegistrationStatus',
      'filters-required',
      false,
      /filter for Registration_GetRegistrationStatus/,
    ],
    [
      'filters required, as recorded',
      400,
      'FiltersRequiredException',
      'Method "ContactAdvanced - GetContacts" requires at least one filter. No filters have been supplied.',
      'filters-required',
      false,
      /filter for ContactAdvanced_GetContacts/,
    ],
    [
      'bare 403 (IP allow-list)',
      403,
      undefined,
      undefined,
      'ip-blocked',
      false,
      /add SchoolsBuddy's outgoing addresses to the IP allow-list of the contacts key in iSAMS Control Panel > API Services/,
    ],
    ['deadlock', 500, 'UnhandledException', DEADLOCK, 'deadlock', true, /deadlock/],
    [
      'lock time-out, as recorded',
      500,
      'UnhandledException',
      'Lock request time out period exceeded.  The statement has been terminated.',
      'lock-timeout',
      true,
      /lock time-out/,
    ],
    ['rerun only', 500, 'UnhandledException', 'Please Rerun the transaction.', 'deadlock', true, /retried/],
    [
      'lock time-out',
      500,
      'UnhandledException',
      'Lock request time out period exceeded.',
      'lock-timeout',
      true,
      /lock time-out/,
    ],
    [
      'malformed filter',
      500,
      'UnhandledException',
      'There was an error parsing the filter XML. Unexpected end',
      'malformed-filter',
      false,
      /filter XML/,
    ],
    [
      'other unhandled',
      500,
      'UnhandledException',
      'Object reference not set to an instance of an object.',
      'server-error',
      true,
      /retried/,
    ],
    [
      'throttle id',
      429,
      'ThrottleLimitExceededException',
      'limited to 5 requests',
      'throttled',
      true,
      /limiting requests on the contacts key/,
    ],
    ['bare 429', 429, undefined, undefined, 'throttled', true, /limiting/],
    ['503 html', 503, undefined, undefined, 'server-error', true, /unavailable/],
    ['unknown id on 200', 200, 'SomethingNewException', 'who knows', 'server-error', true, /retried/],
    ['unknown id on 400', 400, 'SomethingNewException', undefined, 'server-error', true, /retried/],
    ['408', 408, undefined, undefined, 'server-error', true, /retried/],
    ['502', 502, undefined, undefined, 'server-error', true, /retried/],
    ['504', 504, undefined, undefined, 'server-error', true, /retried/],
    ['404 html', 404, undefined, undefined, 'unexpected-response', false, /access URL/],
    ['200 html', 200, undefined, undefined, 'unexpected-response', false, /access URL/],
    ['message id in other case', 401, 'invalidapikey', undefined, 'invalid-key', false, /Active/],
  ])('%s (HTTP %i %s)', (_name, httpStatus, messageId, description, kind, retryable, fix) => {
    const message =
      messageId === undefined ? undefined : { messageId, ...(description === undefined ? {} : { description }) };
    const error = classifyBatchAnswer({ httpStatus, message, dataset: 'contacts' });
    expect(isBatchCallError(error)).toBe(true);
    // one model: the class is the decision the call guard and the messaging policy read
    expect(error).toBeInstanceOf(retryable ? RetryableError : PermanentError);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.fix).toMatch(fix);
    expect(error.httpStatus).toBe(httpStatus);
    expect(error.messageId).toBe(messageId);
    expect(error.message).toContain(`HTTP ${httpStatus}`);
  });

  it.each([
    [429, 'ThrottleLimitExceededException', 30_000, 30_000],
    [503, undefined, 5_000, 5_000],
    [401, 'InvalidApiKey', 5_000, undefined], // a permanent error has nothing to wait for
  ])('HTTP %i keeps Retry-After only when retryable', (httpStatus, messageId, retryAfterMs, expected) => {
    const error = classifyBatchAnswer({ httpStatus, message: messageId ? { messageId } : undefined, retryAfterMs });
    expect(error.retryAfterMs).toBe(expected);
  });

  it('words the fix without a dataset when none is known', () => {
    expect(
      classifyBatchAnswer({ httpStatus: 403, message: { messageId: 'MethodsNotAllocatedToKeyException' } }).fix,
    ).toContain('the API key used for this dataset');
  });
});

describe('methodsInDescription', () => {
  it.each([
    [
      '…allocated to the requested key: contactadvanced_getcontacts, school_getallyears',
      ['ContactAdvanced_GetContacts', 'School_GetAllYears'],
    ],
    ['…require filters: Registration_GetRegistrationStatus.', ['Registration_GetRegistrationStatus']],
    [
      'Method "SchoolReports - GetReports" requires at least one filter. No filters have been supplied.',
      ['SchoolReports_GetReports'],
    ],
    [
      'Method "registration - getregistrationstatus" requires at least one filter.',
      ['Registration_GetRegistrationStatus'],
    ],
    ['…allocated to the requested key: custom_getthings', ['custom_getthings']],
    ['no list here', []],
    [undefined, []],
  ])('%p → %p', (description, expected) => {
    expect(methodsInDescription(description)).toEqual(expected);
  });
});

describe('maskApiKey', () => {
  const key = 'F9C9DEB4-1111-2222-3333-444455556666';
  it.each([
    [`key ${key} bad`, `key ${maskedKey(key)} bad`],
    [`key ${key.toLowerCase()} twice ${key}`, `key ${maskedKey(key)} twice ${maskedKey(key)}`],
    ['nothing', 'nothing'],
  ])('%p', (text, expected) => {
    expect(maskApiKey(text, key)).toBe(expected);
    expect(maskApiKey(text, key).toLowerCase()).not.toContain(key.toLowerCase());
  });
  it('a short key is fully masked', () => expect(maskedKey('abc')).toBe('****'));
  it('a special-character key is matched literally', () =>
    expect(maskApiKey('a.b+c and a.b+c', 'a.b+c')).toBe('**** and ****'));
});

describe('transportError', () => {
  it.each([
    ['timeout', true],
    ['network', true],
    ['too-large', false],
    ['unknown-host', false],
  ] as const)('%s → retryable %p', (kind, retryable) => {
    const error = transportError(kind, 'x');
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.fix.length).toBeGreaterThan(10);
  });
});
