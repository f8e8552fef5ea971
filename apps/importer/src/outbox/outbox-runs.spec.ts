import { runsOf } from './outbox-runs';

const event = (runId: string | undefined, correlationId: string) => ({
  envelope: { correlationId, data: runId ? { runId } : {} },
});

describe('runsOf', () => {
  it.each([
    ['no events', [], []],
    ['one run', [event('r1', 'c1'), event('r1', 'c1')], [{ runId: 'r1', correlationId: 'c1', published: 2 }]],
    [
      'events of two runs left by a crash',
      [event('r1', 'c1'), event('r2', 'c2'), event('r1', 'c1')],
      [
        { runId: 'r1', correlationId: 'c1', published: 2 },
        { runId: 'r2', correlationId: 'c2', published: 1 },
      ],
    ],
    ['an event without a run', [event(undefined, 'c9')], [{ runId: 'unknown', correlationId: 'c9', published: 1 }]],
  ])('%s', (_name, events, expected) => {
    expect(runsOf(events)).toEqual(expected);
  });
});
