import {
  countLines,
  datasetLines,
  excludedContactLines,
  findingLines,
  formatRunReport,
  headerLines,
  type RunReportView,
  writeLines,
} from './run-report.formatter';

const base: RunReportView = {
  runId: 'r1',
  schoolId: 's1',
  trigger: 'on-demand',
  requestedBy: 'cli:amy',
  outcome: 'succeeded',
  heldReasons: [],
};

describe('headerLines', () => {
  it.each<[string, RunReportView, string[]]>([
    ['a plain run', base, ['run r1 (school s1)', 'trigger: on-demand by cli:amy', 'outcome: succeeded']],
    [
      'a dry run',
      { ...base, dryRun: true, outcome: 'planned' },
      ['run r1 (school s1)', 'trigger: on-demand by cli:amy, dry run', 'outcome: planned'],
    ],
    [
      'a held run, undecided',
      { ...base, outcome: 'held', heldReasons: ['the pupils dataset came back empty'] },
      [
        'run r1 (school s1)',
        'trigger: on-demand by cli:amy',
        'outcome: held',
        'held because:',
        '  - the pupils dataset came back empty',
        "nothing was applied: decide with 'isams-sync run approve|reject --run r1 --school s1'",
      ],
    ],
    [
      'a held run, rejected',
      {
        ...base,
        outcome: 'held',
        heldReasons: ['x'],
        decision: { decision: 'reject', decidedBy: 'cli:bo', reason: 'bad feed', at: '2026-01-02T03:04:05.000Z' },
      },
      [
        'run r1 (school s1)',
        'trigger: on-demand by cli:amy',
        'outcome: held',
        'held because:',
        '  - x',
        'decision: rejected by cli:bo at 2026-01-02T03:04:05.000Z (bad feed)',
      ],
    ],
    [
      'an approved run',
      { ...base, decision: { decision: 'approve', decidedBy: 'cli:bo' } },
      ['run r1 (school s1)', 'trigger: on-demand by cli:amy', 'outcome: succeeded', 'decision: approved by cli:bo'],
    ],
    ['a report with almost nothing', { runId: 'r2' }, ['run r2', 'trigger: -', 'outcome: unknown']],
  ])('%s', (_name, report, expected) => {
    expect(headerLines(report)).toEqual(expected);
  });

  it('says when iSAMS may have answered from its cache', () => {
    expect(headerLines({ ...base, mayBeCached: true }).at(-1)).toMatch(/may have answered from its cache/);
  });
});

describe('datasetLines', () => {
  it('one row per dataset, with the cache note and the failed dataset’s fix', () => {
    const lines = datasetLines({
      ...base,
      datasets: [
        {
          dataset: 'contacts',
          status: 'failed',
          stage: 'fetch',
          reason: 'connection reset',
          fix: 'try again later',
          findings: 0,
        },
        {
          dataset: 'pupils',
          status: 'normalised',
          records: { student: 40 },
          findings: 2,
          httpStatus: 200,
          bytes: 1234,
          fetchMs: 50,
          transformMs: 7,
          identicalToPrevious: true,
        },
      ],
    });
    expect(lines[0]).toMatch(/^dataset\s+status\s+records\s+findings\s+http\s+bytes\s+fetch ms\s+transform ms\s+note$/);
    expect(lines[1]).toMatch(/^contacts\s+failed \(fetch\)\s+-\s+0\s+-\s+-\s+-\s+-$/);
    expect(lines[2]).toMatch(/^pupils\s+normalised\s+40 student\s+2\s+200\s+1234\s+50\s+7\s+may be iSAMS cached data$/);
    expect(lines.slice(3)).toEqual(['contacts: connection reset', '  fix: try again later']);
  });

  it('says so when no dataset is recorded', () => {
    expect(datasetLines(base)).toEqual(['datasets: none recorded']);
  });
});

describe('countLines', () => {
  it('students, parents and staff by change, with - for what is missing', () => {
    const lines = countLines({
      ...base,
      counts: {
        students: { created: 3, updated: 1, unchanged: 30, deactivated: 2, reactivated: 0, withoutLogin: 5 },
        staff: { created: 1 },
      },
    });
    expect(lines[0]).toMatch(/^users\s+created\s+updated\s+unchanged\s+deactivated\s+reactivated\s+without login$/);
    expect(lines[1]).toMatch(/^students\s+3\s+1\s+30\s+2\s+0\s+5$/);
    expect(lines[2]).toMatch(/^parents(\s+-){6}$/);
    expect(lines[3]).toMatch(/^staff\s+1(\s+-){5}$/);
  });
});

describe('findingLines', () => {
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      dataset: 'contacts',
      recordRef: `contact ${i}`,
      message: `m${i}`,
      fix: `f${i}`,
    }));

  it.each<[string, RunReportView['findings'], string[]]>([
    ['none', {}, ['findings: none']],
    [
      'one kind, one example',
      { 'invalid-email': { severity: 'warning', count: 1, items: items(1) } },
      ['findings:', '  invalid-email: 1 (warning)', '    - contacts contact 0: m0', '      fix: f0'],
    ],
    [
      'an example without record or fix',
      { odd: { count: 1, items: [{ message: 'odd thing' }] } },
      ['findings:', '  odd: 1 (warning)', '    - odd thing'],
    ],
  ])('%s', (_name, findings, expected) => {
    expect(findingLines({ ...base, findings })).toEqual(expected);
  });

  it('shows at most five examples a kind, says how many more, and puts the commonest kind first', () => {
    const lines = findingLines({
      ...base,
      findings: {
        rare: { severity: 'error', count: 1, items: items(1) },
        common: { severity: 'warning', count: 12, items: items(12) },
      },
    });
    expect(lines[1]).toBe('  common: 12 (warning)');
    expect(lines.filter((l) => l.startsWith('    - '))).toHaveLength(6);
    expect(lines).toContain('    … and 7 more (see --json)');
    expect(lines).toContain('  rare: 1 (error)');
  });
});

describe('excludedContactLines and writeLines', () => {
  it.each<[Record<string, number> | undefined, string[]]>([
    [undefined, ['excluded contacts: none']],
    [{ 'not-ticked': 0 }, ['excluded contacts: none']],
    [{ 'type-not-chosen': 4, 'not-ticked': 2 }, ['excluded contacts:', '  not-ticked: 2', '  type-not-chosen: 4']],
  ])('%j', (excludedContacts, expected) => {
    expect(excludedContactLines({ ...base, excludedContacts })).toEqual(expected);
  });

  it.each<[RunReportView, string]>([
    [{ ...base, userWrites: 3, groupWrites: 1, eventsPublished: 4 }, 'writes: 3 users, 1 groups; events published: 4'],
    [{ ...base, userWrites: 3, groupWrites: 1 }, 'writes: 3 users, 1 groups; events published: not yet confirmed'],
  ])('%j', (report, expected) => {
    expect(writeLines(report)).toEqual([expected]);
  });
});

it('formatRunReport joins the sections with blank lines', () => {
  const text = formatRunReport({ ...base, outcome: 'held', heldReasons: ['the pupils dataset came back empty'] });
  expect(text).toContain('outcome: held\nheld because:\n  - the pupils dataset came back empty');
  expect(text.split('\n\n')).toHaveLength(6);
});
