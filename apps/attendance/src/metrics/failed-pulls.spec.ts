import { failedPullsInARow } from './failed-pulls';

describe('failedPullsInARow', () => {
  it.each([
    ['no pulls', [], {}],
    [
      'latest succeeded',
      [
        { schoolId: 'a', status: 'succeeded' },
        { schoolId: 'a', status: 'failed' },
      ],
      { a: 0 },
    ],
    [
      'two latest failed',
      [
        { schoolId: 'a', status: 'failed' },
        { schoolId: 'a', status: 'failed' },
        { schoolId: 'a', status: 'succeeded' },
        { schoolId: 'a', status: 'failed' },
      ],
      { a: 2 },
    ],
    [
      'schools counted apart',
      [
        { schoolId: 'a', status: 'failed' },
        { schoolId: 'b', status: 'succeeded' },
        { schoolId: 'b', status: 'failed' },
        { schoolId: 'a', status: 'failed' },
      ],
      { a: 2, b: 0 },
    ],
  ])('%s', (_name, pulls, expected) => {
    expect(Object.fromEntries(failedPullsInARow(pulls))).toEqual(expected);
  });
});
