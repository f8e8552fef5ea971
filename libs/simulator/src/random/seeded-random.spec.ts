import { hashString, SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  const draws = (rng: SeededRandom, n = 20) => Array.from({ length: n }, () => rng.next());

  it('gives the same stream for the same seed and a different one for another seed', () => {
    expect(draws(new SeededRandom(42))).toEqual(draws(new SeededRandom(42)));
    expect(draws(new SeededRandom(42))).not.toEqual(draws(new SeededRandom(43)));
  });

  it('derives independent streams by label', () => {
    expect(draws(SeededRandom.derive(1, 'pupils'))).toEqual(draws(SeededRandom.derive(1, 'pupils')));
    expect(draws(SeededRandom.derive(1, 'pupils'))).not.toEqual(draws(SeededRandom.derive(1, 'staff')));
    expect(draws(SeededRandom.derive(1, 'day', 1))).not.toEqual(draws(SeededRandom.derive(1, 'day', 2)));
  });

  it.each([
    [0, 0],
    [-3, 3],
    [1, 6],
  ])('int(%i, %i) stays inside its bounds and reaches both', (min, max) => {
    const rng = new SeededRandom(7);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(min, max)));
    expect(Math.min(...seen)).toBe(min);
    expect(Math.max(...seen)).toBe(max);
  });

  it('next() is always in [0, 1)', () => {
    const values = draws(new SeededRandom(99), 5000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('weighted() never picks a zero-weight choice', () => {
    const rng = new SeededRandom(3);
    const picks = Array.from({ length: 300 }, () =>
      rng.weighted([
        ['a', 1],
        ['never', 0],
        ['b', 3],
      ] as const),
    );
    expect(picks).not.toContain('never');
    expect(new Set(picks)).toEqual(new Set(['a', 'b']));
  });

  it('shuffled() and sample() keep the items and do not touch the input', () => {
    const input = [1, 2, 3, 4, 5, 6];
    const rng = new SeededRandom(5);
    expect([...rng.shuffled(input)].sort()).toEqual(input);
    expect(rng.sample(input, 3)).toHaveLength(3);
    expect(new Set(rng.sample(input, 10))).toEqual(new Set(input));
    expect(input).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('pick() refuses an empty list', () => {
    expect(() => new SeededRandom(1).pick([])).toThrow('empty');
  });

  it('guid() looks like an upper-case version 4 GUID', () => {
    expect(new SeededRandom(8).guid()).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  it('hashString is stable and spreads nearby strings', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
  });
});
