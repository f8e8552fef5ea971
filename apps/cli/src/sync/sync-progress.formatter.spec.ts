import {
  cacheNote,
  datasetsForSync,
  describeFetch,
  describeOutcome,
  pendingDatasets,
  SyncProgressPrinter,
  syncSummary,
} from './sync-progress.formatter';

const KEYS = {
  pupils: '••••1',
  contacts: '••••2',
  staff: '••••3',
  structure: '••••4',
  teaching: '••••5',
  photos: '••••6',
};
const REQUIRED = ['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos'];

describe('datasetsForSync', () => {
  it.each([
    ['every keyed dataset by default', { batchKeys: KEYS }, [], REQUIRED, []],
    [
      'medical only when opted in',
      { batchKeys: { ...KEYS, medical: '••••7' }, medicalOptIn: true },
      [],
      [...REQUIRED, 'medical'],
      [],
    ],
    [
      'a medical key without opt-in is skipped',
      { batchKeys: { ...KEYS, medical: '••••7' }, medicalOptIn: false },
      [],
      REQUIRED,
      [],
    ],
    ['narrowed to the requested ones', { batchKeys: KEYS }, ['staff', 'pupils'], ['pupils', 'staff'], []],
    [
      'a requested dataset without a key is unavailable',
      { batchKeys: KEYS },
      ['pupils', 'medical'],
      ['pupils'],
      ['medical'],
    ],
  ] as const)('%s', (_, school, requested, datasets, unavailable) => {
    expect(datasetsForSync(school, requested)).toEqual({ datasets, unavailable });
  });
});

describe('cacheNote', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it.each([
    ['nothing fetched before', {}, undefined],
    ['fetched 4 hours ago', { pupils: new Date('2026-11-28T08:00:00Z') }, undefined],
    ['fetched 20 minutes ago', { pupils: new Date('2026-11-28T11:40:00Z') }, 'pupils 20 min ago'],
    ['fetched 2 h 30 ago', { staff: new Date('2026-11-28T09:30:00Z') }, 'staff 2 h 30 min ago'],
  ] as const)('%s', (_, latest, mention) => {
    const note = cacheNote(latest, now);
    if (mention === undefined) expect(note).toBeUndefined();
    else
      expect(note).toMatch(
        new RegExp(`^note: last fetched ${mention}; .*may answer from its cache, so this run may see the same data$`),
      );
  });
});

describe('describeFetch and describeOutcome', () => {
  it.each([
    [
      describeFetch('pupils', { status: 'fetched', bytes: 1200, durationMs: 33.4, identicalToPrevious: false }),
      ['pupils: fetched 1200 bytes in 33 ms'],
    ],
    [
      describeFetch('pupils', { status: 'fetched', bytes: 1200, durationMs: 5, identicalToPrevious: true }),
      ['pupils: fetched 1200 bytes in 5 ms, identical to the previous snapshot'],
    ],
    [describeFetch('contacts', { status: 'failed', httpStatus: 401 }), ['contacts: fetch failed (HTTP 401)']],
    [
      describeOutcome({ dataset: 'pupils', status: 'normalised', counts: { student: 30 }, findings: [] }),
      ['pupils: normalised 30 student'],
    ],
    [
      describeOutcome({
        dataset: 'staff',
        status: 'normalised',
        counts: { staff: 9 },
        findings: [{ severity: 'warning' }, { severity: 'error' }],
      }),
      ['staff: normalised 9 staff; 2 finding(s), 1 error(s)'],
    ],
    [
      describeOutcome({
        dataset: 'contacts',
        status: 'failed',
        stage: 'fetch',
        reason: 'fetching contacts from iSAMS failed: HTTP 401',
        fix: 'check the key',
      }),
      ['contacts: FAILED at fetch: fetching contacts from iSAMS failed: HTTP 401', '  fix: check the key'],
    ],
  ])('%j', (lines, expected) => {
    expect(lines).toEqual(expected);
  });
});

describe('SyncProgressPrinter', () => {
  it('prints each step of each dataset once, as it appears', () => {
    const printer = new SyncProgressPrinter();
    expect(printer.update({}, [])).toEqual([]);
    expect(printer.update({ pupils: { status: 'fetched', bytes: 10, durationMs: 1 } }, [])).toEqual([
      'pupils: fetched 10 bytes in 1 ms',
    ]);
    const outcome = { dataset: 'pupils', status: 'normalised' as const, counts: { student: 3 } };
    expect(printer.update({ pupils: { status: 'fetched', bytes: 10, durationMs: 1 } }, [outcome])).toEqual([
      'pupils: normalised 3 student',
    ]);
    expect(printer.update({ pupils: { status: 'fetched', bytes: 10, durationMs: 1 } }, [outcome])).toEqual([]);
  });
});

describe('pendingDatasets and syncSummary', () => {
  it('lists what has no outcome yet', () => {
    expect(pendingDatasets(['pupils', 'staff', 'photos'], [{ dataset: 'staff', status: 'normalised' }])).toEqual([
      'pupils',
      'photos',
    ]);
  });

  it.each([
    [
      [
        { dataset: 'pupils', status: 'normalised' },
        { dataset: 'staff', status: 'normalised' },
      ],
      0,
      'run r1: all 2 dataset(s) normalised',
    ],
    [
      [
        { dataset: 'pupils', status: 'normalised' },
        { dataset: 'contacts', status: 'failed' },
      ],
      1,
      'run r1: 1 of 2 dataset(s) failed: contacts',
    ],
  ] as const)('%j → exit %i', (outcomes, code, line) => {
    expect(syncSummary('r1', outcomes)).toEqual({ code, line });
  });
});
