import type { AttendanceSession } from '@isams-sync/contracts';

export interface LocalClock {
  /** YYYY-MM-DD in the school's timezone */
  date: string;
  /** minutes since local midnight */
  minutes: number;
  /** 0 Sunday … 6 Saturday */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** What a wall clock in `timeZone` shows at `now`. */
export function localClock(now: Date, timeZone: string): LocalClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export interface ScheduledSchool {
  id: string;
  timezone: string;
}

export interface DueSlot {
  schoolId: string;
  date: string;
  session: AttendanceSession;
}

/**
 * The slots due at `now`: a school's session is due from its local time until `graceMinutes`
 * later, on weekdays. Every replica computes the same list; the slot's unique key decides who pulls.
 */
export function dueSlots(
  now: Date,
  schools: readonly ScheduledSchool[],
  times: Record<AttendanceSession, string>,
  graceMinutes: number,
): DueSlot[] {
  const due: DueSlot[] = [];
  for (const school of schools) {
    const clock = localClock(now, school.timezone);
    if (clock.weekday === 0 || clock.weekday === 6) continue;
    for (const session of ['AM', 'PM'] as const) {
      const start = minutesOf(times[session]);
      if (clock.minutes >= start && clock.minutes < start + graceMinutes)
        due.push({ schoolId: school.id, date: clock.date, session });
    }
  }
  return due;
}
