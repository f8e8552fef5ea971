import { completenessOf, datasetSizesOf, runIsSettled } from './run-inputs';

describe('completenessOf', () => {
  it.each([
    [
      'normalised datasets are complete, absent ones missing',
      [{ dataset: 'pupils', status: 'normalised' as const }],
      { pupils: 'complete', staff: 'missing', contacts: 'missing', structure: 'missing', teaching: 'missing' },
    ],
    [
      'a failed dataset is failed',
      [{ dataset: 'contacts', status: 'failed' as const }],
      { pupils: 'missing', staff: 'missing', contacts: 'failed', structure: 'missing', teaching: 'missing' },
    ],
    [
      'a document without its section counts as failed',
      [{ dataset: 'staff', status: 'normalised' as const, findings: [{ kind: 'missing-section', severity: 'error' }] }],
      { pupils: 'missing', staff: 'failed', contacts: 'missing', structure: 'missing', teaching: 'missing' },
    ],
    [
      'an unexpected extra section does not make it incomplete',
      [
        {
          dataset: 'staff',
          status: 'normalised' as const,
          findings: [{ kind: 'unexpected-section', severity: 'warning' }],
        },
      ],
      { pupils: 'missing', staff: 'complete', contacts: 'missing', structure: 'missing', teaching: 'missing' },
    ],
  ])('%s', (_label, outcomes, expected) => {
    expect(completenessOf(outcomes)).toEqual(expected);
  });
});

describe('datasetSizesOf', () => {
  it('counts the people in each normalised people dataset; an empty one is 0, a failed one absent', () => {
    expect(
      datasetSizesOf([
        { dataset: 'pupils', status: 'normalised', counts: { student: 0 } },
        { dataset: 'staff', status: 'normalised', counts: { staff: 12 } },
        { dataset: 'contacts', status: 'failed' },
        { dataset: 'structure', status: 'normalised', counts: { yearGroup: 3 } },
      ]),
    ).toEqual({ pupils: 0, staff: 12 });
  });
});

describe('runIsSettled', () => {
  it.each([
    [undefined, [], false],
    [[], [], false],
    [['pupils', 'staff'], [{ dataset: 'pupils', status: 'normalised' as const }], false],
    [
      ['pupils', 'staff'],
      [
        { dataset: 'pupils', status: 'normalised' as const },
        { dataset: 'staff', status: 'failed' as const },
      ],
      true,
    ],
  ])('expected %j with %j → %p', (expected, outcomes, settled) => {
    expect(runIsSettled(expected, outcomes)).toBe(settled);
  });
});
