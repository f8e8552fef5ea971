import { emptyCounts } from '@isams-sync/import-rules';
import { buildRunReport, runOutcome } from './run-report';

describe('runOutcome', () => {
  it.each([
    [false, false, [{ status: 'normalised' }], 'succeeded'],
    [false, false, [{ status: 'normalised' }, { status: 'failed' }], 'partial'],
    [false, true, [{ status: 'normalised' }], 'held'],
    [true, false, [{ status: 'normalised' }], 'planned'],
    [true, true, [{ status: 'normalised' }], 'planned'],
  ])('dryRun %p hold %p %j → %s', (dryRun, hold, outcomes, expected) => {
    expect(runOutcome(dryRun, hold, outcomes)).toBe(expected);
  });
});

describe('buildRunReport', () => {
  const plan = {
    creates: [],
    updates: [],
    unchanged: 0,
    deactivations: [],
    reactivations: [],
    groupMembershipChanges: [],
    counts: emptyCounts(),
  };
  it('groups findings from transform and rules by kind, with the record and the fix, and says when data may be cached', () => {
    const report = buildRunReport({
      run: {
        _id: 'r1',
        schoolId: 's',
        trigger: 'on-demand',
        requestedBy: 'cli:jo',
        dryRun: false,
        fetch: {
          pupils: {
            status: 'fetched',
            httpStatus: 200,
            bytes: 10,
            durationMs: 5,
            identicalToPrevious: true,
            at: new Date(0),
          },
        },
      },
      outcomes: [
        {
          dataset: 'pupils',
          status: 'normalised',
          counts: { student: 2 },
          findings: [
            {
              kind: 'missing-id',
              severity: 'error',
              recordRef: 'Pupil #3',
              message: 'no SchoolId',
              fix: 'give it one',
            },
          ],
          durationMs: 7,
          recordsRunId: 'r0',
        },
        {
          dataset: 'staff',
          status: 'normalised',
          counts: { staff: 1 },
          findings: [],
          durationMs: 3,
          recordsRunId: 'r1',
        },
        { dataset: 'contacts', status: 'failed', stage: 'fetch', reason: 'invalid key', fix: 'tick the key' },
      ],
      plan,
      ruleFindings: [
        {
          kind: 'shared-email',
          severity: 'warning',
          dataset: 'contacts',
          recordRef: 'Contact 5',
          message: 'shared',
          fix: 'give each parent their own email',
        },
      ],
      excludedContacts: { 'contact-type': 3 },
      heldReasons: [],
      datasetSizes: { pupils: 2 },
      outcome: 'partial',
      userWrites: 0,
      groupWrites: 0,
      now: new Date(0),
    });
    expect(report.findings).toEqual({
      'missing-id': {
        severity: 'error',
        count: 1,
        items: [{ dataset: 'pupils', recordRef: 'Pupil #3', message: 'no SchoolId', fix: 'give it one' }],
      },
      'shared-email': {
        severity: 'warning',
        count: 1,
        items: [
          { dataset: 'contacts', recordRef: 'Contact 5', message: 'shared', fix: 'give each parent their own email' },
        ],
      },
    });
    expect(report.datasets).toEqual([
      {
        dataset: 'contacts',
        status: 'failed',
        stage: 'fetch',
        reason: 'invalid key',
        fix: 'tick the key',
        findings: 0,
      },
      {
        dataset: 'pupils',
        status: 'normalised',
        records: { student: 2 },
        findings: 1,
        httpStatus: 200,
        bytes: 10,
        fetchMs: 5,
        transformMs: 7,
        identicalToPrevious: true,
        recordsReusedFromRun: 'r0',
      },
      { dataset: 'staff', status: 'normalised', records: { staff: 1 }, findings: 0, transformMs: 3 },
    ]);
    expect(report.mayBeCached).toBe(true);
    expect(report.outcome).toBe('partial');
  });
});
