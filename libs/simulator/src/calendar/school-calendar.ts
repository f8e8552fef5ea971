/**
 * The school year the simulator lives in: three terms, weekdays only, and the registration period ids
 * of each school day. Dates are plain `YYYY-MM-DD` strings handled in UTC, so no timezone can shift them.
 */

/** Where a freshly generated school starts: a Monday in the autumn term of 2026/27. */
export const FIRST_SCHOOL_DAY = '2026-11-23';

export interface TermDates {
  name: string;
  startDate: string;
  finishDate: string;
}

const DAY_MS = 86_400_000;

export function toDayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return Math.floor(ms / DAY_MS);
}

export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

export function isWeekday(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The first weekday on or after `date`. */
export function weekdayOnOrAfter(date: string): string {
  let day = date;
  while (!isWeekday(day)) day = addDays(day, 1);
  return day;
}

/** The academic year (its first calendar year) a date belongs to: September starts a new one. */
export function academicYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 9 ? year : year - 1;
}

/** Michaelmas, Lent and Summer terms of academic year `year` (e.g. 2026 → 2026/27). */
export function termsOf(year: number): TermDates[] {
  const next = year + 1;
  return [
    { name: `Michaelmas ${year}`, startDate: weekdayOnOrAfter(`${year}-09-03`), finishDate: `${year}-12-16` },
    { name: `Lent ${next}`, startDate: weekdayOnOrAfter(`${next}-01-06`), finishDate: `${next}-03-26` },
    { name: `Summer ${next}`, startDate: weekdayOnOrAfter(`${next}-04-19`), finishDate: `${next}-07-08` },
  ];
}

/** The school day after `date`: the next weekday in term, jumping holidays; `crossesSummer` when a new academic year starts. */
export function nextSchoolDay(date: string): { date: string; crossesSummer: boolean } {
  const startYear = academicYearOf(date);
  let candidate = addDays(date, 1);
  for (;;) {
    candidate = weekdayOnOrAfter(candidate);
    const year = academicYearOf(candidate);
    const inTerm = termsOf(year).some((term) => candidate >= term.startDate && candidate <= term.finishDate);
    if (inTerm) return { date: candidate, crossesSummer: year !== startYear };
    const upcoming = [...termsOf(year), ...termsOf(year + 1)].find((term) => term.startDate > candidate);
    candidate = upcoming ? upcoming.startDate : addDays(candidate, 1);
  }
}

/** The first school day of academic year `year`. */
export function firstDayOfAcademicYear(year: number): string {
  return termsOf(year)[0].startDate;
}

export type Session = 'AM' | 'PM';

/**
 * Registration period ids: two per calendar day, stable for a date, so the id of "today's AM register"
 * can be computed by anyone who knows the date.
 */
export function registrationPeriodId(date: string, session: Session): number {
  return 2 * (toDayNumber(date) - toDayNumber('2020-01-01')) + (session === 'AM' ? 10_001 : 10_002);
}

export function periodFromId(id: number): { date: string; session: Session } | undefined {
  const offset = id - 10_001;
  if (!Number.isInteger(id) || offset < 0) return undefined;
  return {
    date: fromDayNumber(toDayNumber('2020-01-01') + Math.floor(offset / 2)),
    session: offset % 2 === 0 ? 'AM' : 'PM',
  };
}

/** Every school day from the start of `date`'s academic year through `date` inclusive. */
export function schoolDaysUpTo(date: string): string[] {
  const days: string[] = [];
  for (const term of termsOf(academicYearOf(date))) {
    for (let day = term.startDate; day <= term.finishDate && day <= date; day = addDays(day, 1)) {
      if (isWeekday(day)) days.push(day);
    }
  }
  return days;
}
