import { REDACTED, redact, redactString } from './redact';

describe('redactString', () => {
  it.each([
    ['sync failed for zoe.smith@example.org', 'sync failed for [email]'],
    ["O'Brien.parent+1@school.co.uk wrote", '[email] wrote'],
    [
      'GET https://demo.isams.cloud/api/batch/1.0/xml.ashx?apiKey=6A1B2C3D-0000-1111-2222-333344445555 failed',
      'GET https://demo.isams.cloud/api/batch/1.0/xml.ashx?apiKey=[redacted] failed',
    ],
    ['Authorization: Bearer eyJhbGciOi.x.y', `Authorization: Bearer ${REDACTED}`],
    ['amqp://guest:guest@127.0.0.1:5672', `amqp://guest:${REDACTED}@127.0.0.1:5672`],
    ['mongodb://app:s3cret@db:27017/x', `mongodb://app:${REDACTED}@db:27017/x`],
    ['nothing to hide here', 'nothing to hide here'],
  ])('%s', (input, expected) => {
    expect(redactString(input)).toBe(expected);
  });
});

describe('redact', () => {
  it('replaces values under personal and secret keys at any depth', () => {
    const out = redact({
      schoolId: 'demo',
      runId: 'r1',
      pupil: { isamsId: '1234', forename: 'Zoë', surname: 'Nguyễn', email: 'z@x.org', dob: '2012-01-01' },
      school: { batchKeys: { pupils: { apiKey: 'GUID' } }, rest: { clientSecret: 'shh' } },
      list: [{ Mobile: '07700900123' }],
      photo: { isamsId: '1234', dataBase64: '/9j/4AAQSkZJRg==' },
    });
    expect(out).toEqual({
      schoolId: 'demo',
      runId: 'r1',
      pupil: { isamsId: '1234', forename: REDACTED, surname: REDACTED, email: REDACTED, dob: REDACTED },
      school: { batchKeys: { pupils: { apiKey: REDACTED } }, rest: { clientSecret: REDACTED } },
      list: [{ Mobile: REDACTED }],
      photo: { isamsId: '1234', dataBase64: REDACTED },
    });
  });

  it('masks emails inside error messages and survives cycles', () => {
    const err = new Error('duplicate key mum@example.org');
    const obj: Record<string, unknown> = { err };
    obj.self = obj;
    const out = redact(obj) as { err: { message: string }; self: unknown };
    expect(out.err.message).toBe('duplicate key [email]');
    expect(out.self).toBe('[circular]');
  });
});
