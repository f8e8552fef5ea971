import { methodOfSection } from '@isams-sync/normalise';
import { type Dataset } from '@isams-sync/isams';

/** How one extra section was noticed: its `Module/Collection` path and, when known, the method to untick. */
export interface ExtraSection {
  section: string;
  method?: string;
}

/** What one call of one key showed. Every text here is already free of the key. */
export interface KeyCheck {
  dataset: Dataset;
  required: boolean;
  /** the key's fingerprint (••••1234), or undefined when the school has no key for the dataset */
  key?: string;
  reachable: boolean;
  httpStatus?: number;
  durationMs?: number;
  bytes?: number;
  /** what went wrong, in plain words, and what the school should do */
  error?: { kind: string; message: string; fix: string };
  sectionsPresent: string[];
  sectionsMissing: string[];
  sectionsExtra: ExtraSection[];
  /** records per type the answer maps to */
  counts: Record<string, number>;
  /** set when the key was called a second time */
  repeat?: { identical: boolean; secondsApart: number };
}

export interface KeysReport {
  schoolId: string;
  checkedAt: string;
  datasets: KeyCheck[];
}

/** Two answers this close together that are byte-identical say more about iSAMS's cache than the data. */
export const CACHE_PROBE_MAX_SECONDS = 60;

const totalRecords = (check: KeyCheck) => Object.values(check.counts).reduce((sum, n) => sum + n, 0);

/** A dataset the sync cannot use: no key, no answer, or sections it needs are not ticked. */
export function isUnusable(check: KeyCheck): boolean {
  return check.key === undefined || !check.reachable || check.error !== undefined || check.sectionsMissing.length > 0;
}

/**
 * The cache warning, when it is honest to give: the two answers were identical seconds apart and
 * held records (an empty answer would be identical anyway). iSAMS sends no cache age, so this is
 * an inference; unchanged data between two calls gives the same picture.
 */
export function cacheWarning(check: KeyCheck): string | undefined {
  const repeat = check.repeat;
  if (!repeat?.identical || repeat.secondsApart > CACHE_PROBE_MAX_SECONDS || totalRecords(check) === 0)
    return undefined;
  return `identical answers ${repeat.secondsApart.toFixed(1)} s apart: iSAMS is answering from its cache (or nothing changed in between; iSAMS does not say which); if the key's cache expiry is longer than 2-3 hours, ask the school to shorten it`;
}

/** 1 when any required dataset is unusable, 0 otherwise. */
export function keysExitCode(report: KeysReport): number {
  return report.datasets.some((check) => check.required && isUnusable(check)) ? 1 : 0;
}

function statusWord(check: KeyCheck): string {
  if (check.key === undefined) return check.required ? 'NO KEY' : 'no key';
  if (!check.reachable) return 'UNREACHABLE';
  if (check.error) return 'UNREADABLE';
  if (check.sectionsMissing.length > 0) return 'INCOMPLETE';
  if (check.sectionsExtra.length > 0) return 'ok (extra)';
  return 'ok';
}

function countsText(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? '-' : entries.map(([type, n]) => `${n} ${type}`).join(', ');
}

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
}

/** Notes under the table: for each dataset, what is wrong and what to do. */
function detailLines(check: KeyCheck): string[] {
  const lines: string[] = [];
  const label = `${check.dataset}:`;
  if (check.key === undefined) {
    if (check.required)
      lines.push(`${label} no key registered; add one with 'isams-sync school update --key-${check.dataset} KEY'`);
    return lines;
  }
  if (check.error) {
    lines.push(`${label} ${check.error.message}`);
    lines.push(`  fix: ${check.error.fix}`);
  }
  for (const section of check.sectionsMissing) {
    lines.push(`${label} section ${section} is missing: this dataset is incomplete`);
  }
  if (check.sectionsMissing.length > 0) {
    const methods = check.sectionsMissing
      .map((section) => methodOfSection(section))
      .filter((method) => method !== undefined);
    const what = methods.length === check.sectionsMissing.length ? methods.join(', ') : "this dataset's methods";
    lines.push(`  fix: In iSAMS (Control Panel > API Services > Batch API), tick ${what} on the ${check.dataset} key`);
  }
  for (const extra of check.sectionsExtra) {
    lines.push(
      `${label} section ${extra.section} is ticked on this key by mistake (the ${check.dataset} dataset does not use it)`,
    );
    lines.push(
      `  fix: untick ${extra.method ?? 'the extra method'} on the ${check.dataset} key: each key should carry only its own methods`,
    );
  }
  const warning = cacheWarning(check);
  if (warning) lines.push(`${label} ${warning}`);
  return lines;
}

/** The readable report: one row per dataset, then what to fix, then the verdict. */
export function formatKeysTable(report: KeysReport): string[] {
  const header = ['dataset', 'key', 'status', 'http', 'bytes', 'records', 'sections present'];
  const rows = report.datasets.map((check) => [
    `${check.dataset}${check.required ? '' : ' (optional)'}`,
    check.key ?? '-',
    statusWord(check),
    check.httpStatus === undefined ? '-' : String(check.httpStatus),
    check.bytes === undefined ? '-' : String(check.bytes),
    check.reachable && !check.error ? countsText(check.counts) : '-',
    check.sectionsPresent.length === 0 ? '-' : check.sectionsPresent.join(', '),
  ]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const details = report.datasets.flatMap(detailLines);
  const unusable = report.datasets.filter((check) => check.required && isUnusable(check)).map((check) => check.dataset);
  return [
    `keys of school ${report.schoolId}, checked ${report.checkedAt}`,
    '',
    pad(header, widths),
    ...rows.map((row) => pad(row, widths)),
    ...(details.length > 0 ? ['', ...details] : []),
    '',
    unusable.length === 0 ? 'every required dataset is usable' : `UNUSABLE required datasets: ${unusable.join(', ')}`,
  ];
}

/** The same report as one JSON object, with each dataset's verdict and cache warning spelled out. */
export function keysReportJson(report: KeysReport): Record<string, unknown> {
  return {
    schoolId: report.schoolId,
    checkedAt: report.checkedAt,
    ok: keysExitCode(report) === 0,
    datasets: report.datasets.map((check) => {
      const warning = cacheWarning(check);
      return { ...check, usable: !isUnusable(check), ...(warning ? { cacheWarning: warning } : {}) };
    }),
  };
}
