import { localTime, minutesOf, previousDate } from './local-time';

export interface NightlyWindow {
  start: string;
  end: string;
}

/**
 * Which night's run is due now, if any: the date the window opened on (so a 23:00–01:00 window
 * still names one night), or undefined outside the window. Every replica computes the same answer,
 * and the run's unique key (`night:<date>`) lets exactly one of them create it.
 */
export function dueNight(now: Date, timezone: string, window: NightlyWindow): string | undefined {
  const { date, minutes } = localTime(now, timezone);
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start < end) return minutes >= start && minutes < end ? date : undefined;
  // crosses midnight
  if (minutes >= start) return date;
  if (minutes < end) return previousDate(date);
  return undefined;
}
