import { localTime, minutesOf, previousDate } from './local-time';
import { dueNight } from './nightly-window';

describe('localTime', () => {
  it.each([
    ['2026-11-28T01:30:00Z', 'Europe/London', '2026-11-28', 90],
    ['2026-07-01T00:30:00Z', 'Europe/London', '2026-07-01', 90], // BST: UTC+1
    ['2026-11-28T01:30:00Z', 'Asia/Dubai', '2026-11-28', 330],
    ['2026-11-28T01:30:00Z', 'America/New_York', '2026-11-27', 1230],
    ['2026-11-28T14:00:00Z', 'Pacific/Auckland', '2026-11-29', 180],
  ])('%s in %s is %s +%i min', (iso, tz, date, minutes) => {
    expect(localTime(new Date(iso), tz)).toEqual({ date, minutes });
  });
});

describe('dueNight', () => {
  const window = { start: '01:00', end: '03:00' };
  it.each([
    ['2026-11-28T00:59:00Z', 'Europe/London', window, undefined],
    ['2026-11-28T01:00:00Z', 'Europe/London', window, '2026-11-28'],
    ['2026-11-28T02:59:00Z', 'Europe/London', window, '2026-11-28'],
    ['2026-11-28T03:00:00Z', 'Europe/London', window, undefined],
    ['2026-07-01T00:15:00Z', 'Europe/London', window, '2026-07-01'], // 01:15 BST
    ['2026-11-27T21:30:00Z', 'Asia/Dubai', window, '2026-11-28'], // 01:30 next day in Dubai
    ['2026-11-27T23:30:00Z', 'Europe/London', { start: '23:00', end: '01:00' }, '2026-11-27'],
    ['2026-11-28T00:30:00Z', 'Europe/London', { start: '23:00', end: '01:00' }, '2026-11-27'],
    ['2026-11-28T01:30:00Z', 'Europe/London', { start: '23:00', end: '01:00' }, undefined],
    // the autumn change: 01:00–02:00 happens twice; both name the same night
    ['2026-10-25T00:30:00Z', 'Europe/London', window, '2026-10-25'],
    ['2026-10-25T01:30:00Z', 'Europe/London', window, '2026-10-25'],
    // the spring change: 01:00–02:00 does not exist; 02:30 BST is still in the window
    ['2026-03-29T01:30:00Z', 'Europe/London', window, '2026-03-29'],
  ])('at %s in %s with %j → %p', (iso, tz, w, expected) => {
    expect(dueNight(new Date(iso), tz, w)).toBe(expected);
  });
});

describe('minutesOf and previousDate', () => {
  it.each([
    ['00:00', 0],
    ['09:45', 585],
    ['23:59', 1439],
  ])('%s → %i', (hhmm, minutes) => expect(minutesOf(hhmm)).toBe(minutes));
  it.each(['24:00', '9:45', 'noon', '12:60'])('rejects %p', (bad) =>
    expect(() => minutesOf(bad)).toThrow(/not a time of day/),
  );
  it.each([
    ['2026-03-01', '2026-02-28'],
    ['2028-03-01', '2028-02-29'],
    ['2027-01-01', '2026-12-31'],
  ])('%s → %s', (date, expected) => expect(previousDate(date)).toBe(expected));
});
