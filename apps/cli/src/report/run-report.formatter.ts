import { textTable } from './text-table';

/**
 * The stored run report as this command reads it. The importer writes it (apps do not import apps),
 * so every field is treated as possibly absent: an older or partly written report still prints.
 */
export interface RunReportView {
  runId: string;
  schoolId?: string;
  trigger?: string;
  requestedBy?: string;
  dryRun?: boolean;
  outcome?: string;
  heldReasons?: string[];
  decision?: { decision: string; decidedBy?: string; reason?: string; at?: string | Date };
  datasets?: Array<{
    dataset: string;
    status: string;
    stage?: string;
    reason?: string;
    fix?: string;
    records?: Record<string, number>;
    findings?: number;
    httpStatus?: number;
    bytes?: number;
    fetchMs?: number;
    transformMs?: number;
    identicalToPrevious?: boolean;
  }>;
  counts?: Partial<Record<'students' | 'parents' | 'staff', Partial<Record<CountColumn, number>>>>;
  findings?: Record<
    string,
    {
      severity?: string;
      count?: number;
      items?: Array<{ dataset?: string; recordRef?: string; message?: string; fix?: string }>;
    }
  >;
  excludedContacts?: Record<string, number>;
  mayBeCached?: boolean;
  userWrites?: number;
  groupWrites?: number;
  eventsPublished?: number;
  finishedAt?: string | Date;
}

type CountColumn = 'created' | 'updated' | 'unchanged' | 'deactivated' | 'reactivated' | 'withoutLogin';

const COUNT_COLUMNS: ReadonlyArray<[CountColumn, string]> = [
  ['created', 'created'],
  ['updated', 'updated'],
  ['unchanged', 'unchanged'],
  ['deactivated', 'deactivated'],
  ['reactivated', 'reactivated'],
  ['withoutLogin', 'without login'],
];
const KINDS = ['students', 'parents', 'staff'] as const;
/** Enough examples to find the pattern in iSAMS; the rest are in `--json`. */
export const EXAMPLES_PER_KIND = 5;

const num = (n: number | undefined) => (n === undefined ? '-' : String(n));
const dateText = (d: string | Date | undefined) => (d === undefined ? undefined : new Date(d).toISOString());

function recordsText(records: Record<string, number> | undefined): string {
  const entries = Object.entries(records ?? {});
  return entries.length === 0 ? '-' : entries.map(([type, n]) => `${n} ${type}`).join(', ');
}

/** The run line, outcome, why it was held and who decided it. */
export function headerLines(report: RunReportView): string[] {
  const lines = [
    `run ${report.runId}${report.schoolId ? ` (school ${report.schoolId})` : ''}`,
    `trigger: ${report.trigger ?? '-'}${report.requestedBy ? ` by ${report.requestedBy}` : ''}${report.dryRun ? ', dry run' : ''}${report.finishedAt ? `; finished ${dateText(report.finishedAt)}` : ''}`,
    `outcome: ${report.outcome ?? 'unknown'}`,
  ];
  const held = report.heldReasons ?? [];
  if (held.length > 0) lines.push('held because:', ...held.map((r) => `  - ${r}`));
  if (report.outcome === 'held' && !report.decision)
    lines.push(
      `nothing was applied: decide with 'isams-sync run approve|reject --run ${report.runId}${report.schoolId ? ` --school ${report.schoolId}` : ''}'`,
    );
  if (report.decision) {
    const d = report.decision;
    lines.push(
      `decision: ${d.decision === 'reject' ? 'rejected' : 'approved'}${d.decidedBy ? ` by ${d.decidedBy}` : ''}${d.at ? ` at ${dateText(d.at)}` : ''}${d.reason ? ` (${d.reason})` : ''}`,
    );
  }
  if (report.mayBeCached)
    lines.push('note: some datasets were identical to the previous fetch: iSAMS may have answered from its cache');
  return lines;
}

/** One row per dataset, then each failed dataset's reason and fix. */
export function datasetLines(report: RunReportView): string[] {
  const datasets = report.datasets ?? [];
  if (datasets.length === 0) return ['datasets: none recorded'];
  const rows = datasets.map((d) => [
    d.dataset,
    d.status === 'failed' && d.stage ? `failed (${d.stage})` : d.status,
    recordsText(d.records),
    num(d.findings),
    num(d.httpStatus),
    num(d.bytes),
    num(d.fetchMs),
    num(d.transformMs),
    d.identicalToPrevious ? 'may be iSAMS cached data' : '',
  ]);
  const lines = textTable(
    ['dataset', 'status', 'records', 'findings', 'http', 'bytes', 'fetch ms', 'transform ms', 'note'],
    rows,
  );
  for (const d of datasets) {
    if (d.status !== 'failed') continue;
    lines.push(`${d.dataset}: ${d.reason ?? 'failed'}`);
    if (d.fix) lines.push(`  fix: ${d.fix}`);
  }
  return lines;
}

/** students/parents/staff × created … without login. */
export function countLines(report: RunReportView): string[] {
  const rows = KINDS.map((kind) => [kind, ...COUNT_COLUMNS.map(([column]) => num(report.counts?.[kind]?.[column]))]);
  return textTable(['users', ...COUNT_COLUMNS.map(([, label]) => label)], rows);
}

/** Each kind of finding with its count and severity, and a few examples with the record and the fix. */
export function findingLines(report: RunReportView): string[] {
  const kinds = Object.entries(report.findings ?? {}).sort(
    ([a, fa], [b, fb]) => (fb.count ?? 0) - (fa.count ?? 0) || a.localeCompare(b),
  );
  if (kinds.length === 0) return ['findings: none'];
  const lines: string[] = ['findings:'];
  for (const [kind, group] of kinds) {
    lines.push(`  ${kind}: ${group.count ?? 0} (${group.severity ?? 'warning'})`);
    const items = group.items ?? [];
    for (const item of items.slice(0, EXAMPLES_PER_KIND)) {
      const where = [item.dataset, item.recordRef].filter(Boolean).join(' ');
      lines.push(`    - ${where ? `${where}: ` : ''}${item.message ?? ''}`.trimEnd());
      if (item.fix) lines.push(`      fix: ${item.fix}`);
    }
    const more = (group.count ?? items.length) - Math.min(items.length, EXAMPLES_PER_KIND);
    if (more > 0) lines.push(`    … and ${more} more (see --json)`);
  }
  return lines;
}

export function excludedContactLines(report: RunReportView): string[] {
  const entries = Object.entries(report.excludedContacts ?? {}).filter(([, n]) => n > 0);
  if (entries.length === 0) return ['excluded contacts: none'];
  return [
    'excluded contacts:',
    ...entries.sort(([a], [b]) => a.localeCompare(b)).map(([reason, n]) => `  ${reason}: ${n}`),
  ];
}

export function writeLines(report: RunReportView): string[] {
  const published = report.eventsPublished === undefined ? 'not yet confirmed' : String(report.eventsPublished);
  return [`writes: ${num(report.userWrites)} users, ${num(report.groupWrites)} groups; events published: ${published}`];
}

/** The whole readable summary, sections separated by a blank line. */
export function formatRunReport(report: RunReportView): string {
  return [
    headerLines(report),
    datasetLines(report),
    countLines(report),
    findingLines(report),
    excludedContactLines(report),
    writeLines(report),
  ]
    .map((s) => s.join('\n'))
    .join('\n\n');
}
