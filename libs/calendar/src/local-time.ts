/**
 * A school's wall-clock time. Schools run on their own timezone (and its daylight saving), so every
 * "nightly" or "at 09:45" decision is taken on the local date and time, never on UTC.
 */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** minutes since local midnight, 0–1439 */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

export function localTime(now: Date, timezone: string): LocalTime {
  const parts = Object.fromEntries(
    formatterFor(timezone)
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** `HH:MM` → minutes since midnight. */
export function minutesOf(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`'${hhmm}' is not a time of day (HH:MM, 00:00–23:59)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The calendar day before a YYYY-MM-DD date. */
export function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
