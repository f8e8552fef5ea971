import { schoolSyncHealth } from './school-sync-health';
import type { SyncRun } from './sync-run.schema';

const at = (hour: number) => new Date(Date.UTC(2026, 10, 1, hour));
function run(hour: number, status: SyncRun['status'], extra: Partial<SyncRun> = {}): SyncRun {
  return {
    _id: `r${hour}`,
    schoolId: 's1',
    runKey: `k${hour}`,
    requestedBy: 'scheduler',
    correlationId: 'c',
    datasets: [],
    fetch: {},
    trigger: 'schedule',
    dryRun: false,
    status,
    createdAt: at(hour),
    updatedAt: at(hour + 0.5),
    ...extra,
  };
}
const failed = (dataset: string) => ({ [dataset]: { status: 'failed' as const, at: at(0) } });
const fetched = (dataset: string) => ({ [dataset]: { status: 'fetched' as const, at: at(0) } });

describe('schoolSyncHealth', () => {
  it.each([
    ['no runs at all', [], undefined, { held: 0, failedNights: {} }],
    [
      'latest succeeded',
      [run(20, 'succeeded'), run(10, 'partial')],
      undefined,
      { lastOutcome: 'succeeded', lastSuccessAt: at(20.5) },
    ],
    [
      'latest partial, an earlier one succeeded',
      [run(20, 'partial'), run(10, 'succeeded')],
      undefined,
      { lastOutcome: 'partial', lastSuccessAt: at(10.5) },
    ],
    [
      'unfinished and dry runs are not outcomes',
      [run(22, 'fetching'), run(21, 'planned', { dryRun: true }), run(20, 'failed')],
      undefined,
      { lastOutcome: 'failed' },
    ],
    [
      'success older than the window comes from lastSucceeded',
      [run(20, 'failed')],
      run(1, 'succeeded'),
      { lastOutcome: 'failed', lastSuccessAt: at(1.5) },
    ],
    [
      'held runs are counted from the oldest',
      [run(20, 'held'), run(10, 'held'), run(5, 'succeeded')],
      undefined,
      { held: 2, oldestHeldAt: at(10.5), lastOutcome: 'held' },
    ],
  ])('%s', (_name, runs, lastSucceeded, expected) => {
    expect(schoolSyncHealth('s1', runs, lastSucceeded)).toMatchObject(expected);
  });

  it.each([
    [
      'failed last night only',
      [run(30, 'partial', { fetch: failed('photos') }), run(20, 'succeeded', { fetch: fetched('photos') })],
      { photos: 1 },
    ],
    [
      'failed two nights running',
      [
        run(30, 'partial', { fetch: failed('photos') }),
        run(20, 'partial', { fetch: failed('photos') }),
        run(10, 'succeeded'),
      ],
      { photos: 2 },
    ],
    [
      'failed before but not last night',
      [run(30, 'succeeded', { fetch: fetched('photos') }), run(20, 'partial', { fetch: failed('photos') })],
      {},
    ],
    [
      'a dataset the transformer refused, recorded with the outcome',
      [
        run(30, 'partial', { failedDatasets: ['pupils'], fetch: fetched('pupils') }),
        run(20, 'partial', { failedDatasets: ['pupils'] }),
      ],
      { pupils: 2 },
    ],
    [
      'the recorded outcome wins over the fetch progress',
      [run(30, 'succeeded', { failedDatasets: [], fetch: failed('photos') })],
      {},
    ],
    [
      'on-demand runs in between do not break the streak',
      [
        run(30, 'partial', { fetch: failed('staff') }),
        run(25, 'succeeded', { trigger: 'on-demand' }),
        run(20, 'partial', { fetch: failed('staff') }),
      ],
      { staff: 2 },
    ],
  ])('failed nights: %s', (_name, runs, expected) => {
    expect(schoolSyncHealth('s1', runs).failedNights).toEqual(expected);
  });
});
