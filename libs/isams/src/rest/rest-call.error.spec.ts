import { PermanentError, RetryableError } from '@isams-sync/resilience';
import { classifyRestAnswer, restErrorMessage } from './rest-call.error';

describe('classifyRestAnswer', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it.each([
    ['token', 401, '{"error":"invalid_client"}', undefined, 'permanent', 'invalid-client'],
    ['token', 400, '{"error":"invalid_scope"}', undefined, 'permanent', 'invalid-client'],
    [
      '/api/registration/absencecodes',
      401,
      '{"message":"Authorization has been denied for this request."}',
      undefined,
      'permanent',
      'unauthorised',
    ],
    ['/api/registration/absencecodes', 403, '{"message":"no"}', undefined, 'permanent', 'forbidden'],
    ['/api/registration/register/1', 404, '{"message":"No registration period"}', undefined, 'permanent', 'not-found'],
    ['/api/registration/periods', 400, '{"message":"bad page"}', undefined, 'permanent', 'bad-request'],
    ['/api/registration/periods', 429, '<Message/>', '7', 'retryable', 'throttled'],
    ['/api/registration/periods', 429, '', undefined, 'retryable', 'throttled'],
    ['token', 503, '<html>Service Unavailable</html>', '3', 'retryable', 'unavailable'],
    ['/api/registration/periods', 500, '{"message":"boom"}', undefined, 'retryable', 'server-error'],
    ['/api/registration/periods', 418, '', undefined, 'permanent', 'unexpected-response'],
  ])('%s %i → %s', (call, httpStatus, body, retryAfter, kind, errorKind) => {
    const error = classifyRestAnswer({
      schoolId: 'st-marys',
      call,
      httpStatus,
      body,
      retryAfterHeader: retryAfter,
      now,
    });
    expect(error).toBeInstanceOf(kind === 'permanent' ? PermanentError : RetryableError);
    expect(error.kind).toBe(errorKind);
    expect(error.message).toContain("school 'st-marys'");
    expect(error.context).toMatchObject({ schoolId: 'st-marys', dataset: 'rest' });
    if (retryAfter) expect((error as RetryableError).retryAfterMs).toBe(Number(retryAfter) * 1000);
  });

  it('names the school REST credentials in the fix of a credentials failure', () => {
    const error = classifyRestAnswer({
      schoolId: 'st-marys',
      call: 'token',
      httpStatus: 401,
      body: '{"error":"invalid_client"}',
    });
    expect(error.context.fix).toContain('--rest-client-secret');
    expect(error.context.fix).toContain('st-marys');
  });
});

describe('restErrorMessage', () => {
  it.each([
    ['{"message":"denied"}', 'denied'],
    ['{"error":"invalid_client","error_description":"Client authentication failed."}', 'Client authentication failed.'],
    ['{"error":"invalid_client"}', 'invalid_client'],
    ['<html/>', undefined],
    ['{"message":""}', undefined],
  ])('%s → %p', (body, expected) => {
    expect(restErrorMessage(body)).toBe(expected);
  });
});
