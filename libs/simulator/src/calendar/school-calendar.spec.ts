import {
  academicYearOf,
  addDays,
  isWeekday,
  nextSchoolDay,
  periodFromId,
  registrationPeriodId,
  schoolDaysUpTo,
  termsOf,
  weekdayOnOrAfter,
} from './school-calendar';

describe('school calendar', () => {
  it.each([
    ['2026-11-23', '2026-11-24', false], // Monday → Tuesday
    ['2026-11-27', '2026-11-30', false], // Friday → Monday
    ['2026-12-16', '2027-01-06', false], // end of Michaelmas → start of Lent
    ['2027-03-26', '2027-04-19', false], // end of Lent → start of Summer
    ['2027-07-08', '2027-09-03', true], // end of Summer → next academic year
  ])('the school day after %s is %s (new academic year: %s)', (from, to, crosses) => {
    expect(nextSchoolDay(from)).toEqual({ date: to, crossesSummer: crosses });
  });

  it.each([
    ['2026-09-01', 2026],
    ['2026-08-31', 2025],
    ['2027-01-10', 2026],
  ])('%s belongs to academic year %i', (date, year) => {
    expect(academicYearOf(date)).toBe(year);
  });

  it('terms start on weekdays and follow each other', () => {
    const terms = termsOf(2026);
    expect(terms.map((term) => term.name)).toEqual(['Michaelmas 2026', 'Lent 2027', 'Summer 2027']);
    for (const term of terms) expect(isWeekday(term.startDate)).toBe(true);
    expect(terms[0].finishDate < terms[1].startDate && terms[1].finishDate < terms[2].startDate).toBe(true);
  });

  it('weekdayOnOrAfter skips the weekend', () => {
    expect(weekdayOnOrAfter('2026-11-28')).toBe('2026-11-30');
    expect(weekdayOnOrAfter('2026-11-30')).toBe('2026-11-30');
  });

  it('registration period ids are two per day and round-trip', () => {
    const am = registrationPeriodId('2026-11-23', 'AM');
    expect(registrationPeriodId('2026-11-23', 'PM')).toBe(am + 1);
    expect(registrationPeriodId(addDays('2026-11-23', 1), 'AM')).toBe(am + 2);
    expect(periodFromId(am)).toEqual({ date: '2026-11-23', session: 'AM' });
    expect(periodFromId(am + 1)).toEqual({ date: '2026-11-23', session: 'PM' });
    expect(periodFromId(5)).toBeUndefined();
  });

  it('school days so far this year are weekdays in term, ending today', () => {
    const days = schoolDaysUpTo('2026-11-23');
    expect(days[0]).toBe('2026-09-03');
    expect(days[days.length - 1]).toBe('2026-11-23');
    expect(days.every(isWeekday)).toBe(true);
  });
});
