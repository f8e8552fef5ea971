import type { SyncRunStatus } from '@isams-sync/persistence';
import { runDataRetention } from './run-data-retention';

const runs = (...statuses: SyncRunStatus[]) => statuses.map((status, i) => ({ _id: `r${i + 1}`, status }));

describe('runDataRetention', () => {
  it.each<[string, ReturnType<typeof runs>, number, string[], string[]]>([
    ['no runs', runs(), 3, [], []],
    ['fewer runs than kept', runs('succeeded', 'succeeded'), 3, ['r1', 'r2'], []],
    [
      'the newest three kept, older decided runs pruned',
      runs('succeeded', 'partial', 'succeeded', 'succeeded', 'failed', 'rejected', 'planned'),
      3,
      ['r1', 'r2', 'r3'],
      ['r4', 'r5', 'r6', 'r7'],
    ],
    [
      'an old held run is kept until someone approves or rejects it',
      runs('succeeded', 'succeeded', 'succeeded', 'held', 'succeeded'),
      3,
      ['r1', 'r2', 'r3', 'r4'],
      ['r5'],
    ],
    [
      'old runs not yet decided are kept (an importer may still be applying them)',
      runs('succeeded', 'succeeded', 'succeeded', 'importing', 'transforming', 'fetching', 'requested'),
      3,
      ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'],
      [],
    ],
    ['keep 1', runs('succeeded', 'succeeded'), 1, ['r1'], ['r2']],
  ])('%s', (_label, list, keep, kept, pruned) => {
    expect(runDataRetention(list, keep)).toEqual({ kept, pruned });
  });
});
