import { dueSlots, localClock } from './due-slots';

const times = { AM: '09:45', PM: '14:30' };

describe('localClock', () => {
  it.each([
    ['2026-11-23T09:45:00Z', 'Europe/London', '2026-11-23', 9 * 60 + 45, 1],
    ['2026-07-01T08:45:00Z', 'Europe/London', '2026-07-01', 9 * 60 + 45, 3], // BST
    ['2026-11-23T23:30:00Z', 'Asia/Dubai', '2026-11-24', 3 * 60 + 30, 2],
    ['2026-11-23T00:15:00Z', 'America/New_York', '2026-11-22', 19 * 60 + 15, 0],
  ])('%s in %s', (iso, tz, date, minutes, weekday) => {
    expect(localClock(new Date(iso), tz)).toEqual({ date, minutes, weekday });
  });
});

describe('dueSlots', () => {
  const london = { id: 'london', timezone: 'Europe/London' };
  const dubai = { id: 'dubai', timezone: 'Asia/Dubai' };
  it.each([
    ['before the AM time', '2026-11-23T09:44:00Z', []],
    ['at the AM time', '2026-11-23T09:45:00Z', ['london AM']],
    ['within the grace', '2026-11-23T12:44:00Z', ['london AM']],
    ['after the grace', '2026-11-23T12:45:00Z', []],
    ['at the PM time', '2026-11-23T14:30:00Z', ['london PM']],
    ['on a Saturday', '2026-11-28T10:00:00Z', []],
  ])('London, %s', (_name, iso, expected) => {
    expect(dueSlots(new Date(iso), [london], times, 180).map((s) => `${s.schoolId} ${s.session}`)).toEqual(expected);
  });

  it("uses each school's own timezone and local date", () => {
    // 05:45Z is 09:45 in Dubai and 05:45 in London
    expect(dueSlots(new Date('2026-11-23T05:45:00Z'), [london, dubai], times, 180)).toEqual([
      { schoolId: 'dubai', date: '2026-11-23', session: 'AM' },
    ]);
  });

  it('lists both sessions when the grace windows overlap', () => {
    expect(
      dueSlots(new Date('2026-11-23T14:40:00Z'), [london], { AM: '14:00', PM: '14:30' }, 60).map((s) => s.session),
    ).toEqual(['AM', 'PM']);
  });
});
