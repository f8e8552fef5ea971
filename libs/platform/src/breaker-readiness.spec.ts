import { Writable } from 'node:stream';
import { createLogger } from '@isams-sync/observability';
import { logBreakerTransitions } from './breaker-readiness';

describe('logBreakerTransitions', () => {
  it.each([
    ['open', 'warn', /breaker for st-marys\/pupils opened/],
    ['half-open', 'info', /breaker for st-marys\/pupils is half-open/],
    ['closed', 'info', /breaker for st-marys\/pupils is closed/],
  ] as const)('logs %s at %s with the school and dataset', (state, level, message) => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    logBreakerTransitions(createLogger('fetcher', 'info', sink))({ schoolId: 'st-marys', dataset: 'pupils' }, state);
    expect(lines).toEqual([
      expect.objectContaining({
        level,
        event: 'breaker.transition',
        schoolId: 'st-marys',
        dataset: 'pupils',
        state,
        msg: expect.stringMatching(message),
      }),
    ]);
  });
});
