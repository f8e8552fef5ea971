import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes JSON with app, level and the correlation fields, redacting personal data', () => {
    const { lines, stream } = capture();
    const logger = createLogger('fetcher', 'info', stream);
    logger.info(
      { schoolId: 'demo', runId: 'r1', correlationId: 'c1', contact: { email: 'mum@example.org' } },
      'contact mum@example.org skipped',
    );
    expect(lines[0]).toMatchObject({
      app: 'fetcher',
      version: expect.any(String),
      revision: expect.any(String),
      level: 'info',
      schoolId: 'demo',
      runId: 'r1',
      correlationId: 'c1',
      contact: { email: '[redacted]' },
      msg: 'contact [email] skipped',
    });
  });

  it('masks a Batch API key in a logged URL', () => {
    const { lines, stream } = capture();
    createLogger('fetcher', 'info', stream).warn(
      { url: 'https://x.isams.cloud/api/batch/1.0/xml.ashx?apiKey=SECRET-GUID' },
      'throttled',
    );
    expect(JSON.stringify(lines[0])).not.toContain('SECRET-GUID');
  });
});
