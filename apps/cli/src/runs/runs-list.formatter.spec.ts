import { formatAge, formatRunsTable, runReason, runRow, type RunForList } from './runs-list.formatter';

const NOW = new Date('2026-11-30T12:00:00Z');
const run = (extra: Partial<RunForList> = {}): RunForList => ({
  _id: 'r1',
  schoolId: 's1',
  status: 'succeeded',
  trigger: 'schedule',
  requestedBy: 'schedule',
  createdAt: new Date('2026-11-30T01:30:00Z'),
  updatedAt: new Date('2026-11-30T01:35:00Z'),
  ...extra,
});

describe('runReason', () => {
  it.each([
    ['a clean run has none', run(), null, ''],
    [
      'held: the guard reasons',
      run({ status: 'held' }),
      { heldReasons: ['would deactivate 40% of students', 'pupils shrank'] },
      'would deactivate 40% of students; pupils shrank',
    ],
    [
      'failed datasets from the report',
      run({ status: 'partial' }),
      {
        datasets: [
          { dataset: 'photos', status: 'failed', reason: 'invalid key' },
          { dataset: 'pupils', status: 'normalised' },
        ],
      },
      'photos: invalid key',
    ],
    [
      'failed fetches before a report exists',
      run({
        status: 'transforming',
        fetch: { staff: { status: 'failed', error: 'HTTP 503' }, pupils: { status: 'fetched' } },
      }),
      null,
      'staff: HTTP 503',
    ],
    [
      'a rejection names who decided',
      run({ status: 'rejected' }),
      { heldReasons: ['x'], decision: { decision: 'reject', decidedBy: 'cli:alice', reason: 'empty feed' } },
      'rejected by cli:alice: empty feed',
    ],
  ])('%s', (_name, r, report, expected) => {
    expect(runReason(r, report)).toBe(expected);
  });
});

describe('formatAge', () => {
  it.each([
    [null, '-'],
    [42, '42s'],
    [90, '1m'],
    [3 * 3600 + 5 * 60, '3h05m'],
    [2 * 86400 + 4 * 3600, '2d04h'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});

describe('runRow and formatRunsTable', () => {
  it('ages a run from its last change and prints one line per run', () => {
    const row = runRow(run(), null, NOW);
    expect(row).toMatchObject({
      schoolId: 's1',
      runId: 'r1',
      status: 'succeeded',
      ageSeconds: 10 * 3600 + 25 * 60,
      createdAt: '2026-11-30T01:30:00.000Z',
    });
    const lines = formatRunsTable([row, runRow(run({ _id: 'r2', status: 'planned', dryRun: true }), null, NOW)]);
    expect(lines[0]).toMatch(/^school\s+run\s+status\s+trigger\s+age\s+by\s+reason$/);
    expect(lines[1]).toMatch(/^s1\s+r1\s+succeeded\s+schedule\s+10h25m\s+schedule$/);
    expect(lines[2]).toContain('planned (dry run)');
    expect(formatRunsTable([])).toEqual(['no runs match']);
  });
});
