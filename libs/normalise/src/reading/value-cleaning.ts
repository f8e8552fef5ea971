/**
 * Raw iSAMS strings → clean values. Every reader returns `undefined` for "absent" (missing, empty,
 * whitespace-only such as `&#x20;`), and a separate `invalid` marker when a value is present but
 * unusable, so the mapper can say so in a finding instead of silently dropping it.
 */
export const INVALID = Symbol('invalid');
export type Invalid = typeof INVALID;

/** Trimmed text, or undefined when empty or whitespace-only. Non-ASCII and apostrophes untouched. */
export function cleanText(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;
/** "No date" written as a date by .NET/SQL Server defaults: treated as absent, not as a real date. */
const PLACEHOLDER_DATES: ReadonlySet<string> = new Set(['0001-01-01', '1753-01-01', '1899-12-30', '1900-01-01']);

/**
 * `1948-05-15T00:00:00` (no timezone, the school's local date) → `1948-05-15`. The date is taken
 * as written, never shifted through a timezone. UK `15/05/1948` is accepted too.
 */
export function cleanDate(raw: string | undefined): string | undefined | Invalid {
  const text = cleanText(raw);
  if (text === undefined) return undefined;
  const iso = ISO_DATE.exec(text);
  const uk = iso ? undefined : UK_DATE.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : undefined;
  if (!parts) return INVALID;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (PLACEHOLDER_DATES.has(date)) return undefined;
  if (year < 1900 || year > 2200 || !isCalendarDate(year, month, day)) return INVALID;
  return date;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const candidate = new Date(Date.UTC(year, month - 1, day));
  return candidate.getUTCFullYear() === year && candidate.getUTCMonth() === month - 1 && candidate.getUTCDate() === day;
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?/;

/** `2024-03-01T09:15:00.123` → `2024-03-01T09:15:00` (local time as sent). */
export function cleanLocalDateTime(raw: string | undefined): string | undefined | Invalid {
  const text = cleanText(raw);
  if (text === undefined) return undefined;
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) {
    const date = cleanDate(text);
    return date === undefined || date === INVALID ? date : `${date}T00:00:00`;
  }
  const date = cleanDate(match[1]);
  if (date === undefined || date === INVALID) return date;
  return `${date}T${match[2]}:${match[3] ?? '00'}`;
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['1', 'true', 'yes', 'y', '-1']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['0', 'false', 'no', 'n']);

/** `1`/`0`, `True`/`False`, `Yes`/`No` (any case). */
export function cleanFlag(raw: string | undefined): boolean | undefined | Invalid {
  const text = cleanText(raw)?.toLowerCase();
  if (text === undefined) return undefined;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return INVALID;
}

/**
 * A year as iSAMS numbers it: the National Curriculum year (`07` → 7, `-1` nursery, `0` reception),
 * or another integer where a school numbers a second campus's years differently (e.g. 101).
 */
export function cleanNcYear(raw: string | undefined): number | undefined | Invalid {
  const text = cleanText(raw);
  if (text === undefined) return undefined;
  return /^[+-]?\d{1,4}$/.test(text) ? Number(text) : INVALID;
}

export const PARENTAL_RESPONSIBILITY_VALUES = { yes: 'yes', no: 'no', default: 'default' } as const;

/** `Yes` / `No` / `Default` (any case; `1`/`0`/`True`/`False` tolerated). */
export function cleanParentalResponsibility(raw: string | undefined): 'yes' | 'no' | 'default' | undefined | Invalid {
  const text = cleanText(raw)?.toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'default') return 'default';
  const flag = cleanFlag(text);
  if (flag === INVALID || flag === undefined) return INVALID;
  return flag ? 'yes' : 'no';
}
