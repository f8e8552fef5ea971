import { textTable } from './text-table';

describe('textTable', () => {
  it.each<[string[], string[][], string[]]>([
    [['a', 'b'], [], ['a  b']],
    [
      ['name', 'n'],
      [
        ['x', '1'],
        ['longer', '22'],
      ],
      ['name    n', 'x       1', 'longer  22'],
    ],
    [['a', 'note'], [['1', '']], ['a  note', '1']],
  ])('%j %j', (header, rows, expected) => {
    expect(textTable(header, rows)).toEqual(expected);
  });
});
