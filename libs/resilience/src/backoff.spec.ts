import { backoffDelayMs, parseRetryAfter } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { baseMs: 100, capMs: 1000 };
  it.each([
    [0, 1, 99],
    [1, 1, 199],
    [3, 1, 799],
    [4, 1, 999], // capped
    [20, 1, 999],
    [3, 0, 0],
  ])('attempt %i with random %p → %i ms', (attempt, r, expected) => {
    expect(backoffDelayMs(attempt, policy, () => (r === 1 ? 0.9999 : 0))).toBe(expected);
  });
  it('honours Retry-After, bounded by the cap', () => {
    expect(backoffDelayMs(0, policy, () => 0.5, 300)).toBe(300);
    expect(backoffDelayMs(0, policy, () => 0.5, 30_000)).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  it.each([
    ['120', 120_000],
    [' 5 ', 5000],
    ['Sat, 28 Nov 2026 10:00:30 GMT', 30_000],
    ['Sat, 28 Nov 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%p → %p', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
