import type { TappedEvent } from './event-tap';

export const USER_KINDS = ['students', 'parents', 'staff'] as const;
export type UserKind = (typeof USER_KINDS)[number];
export const COUNT_COLUMNS = ['created', 'updated', 'unchanged', 'deactivated', 'reactivated', 'withoutLogin'] as const;
export type KindCounts = Record<(typeof COUNT_COLUMNS)[number], number>;

/** One run as the demo reports it (a subset of the importer's run report). */
export interface RunSummary {
  label: string;
  runId: string;
  outcome: string;
  heldReasons: string[];
  seconds: number;
  counts: Record<UserKind, KindCounts>;
  /** findings: count per kind */
  findings: Record<string, number>;
  eventsPublished: number;
  userWrites: number;
  mayBeCached: boolean;
  /** datasets that failed, with the reason */
  failedDatasets: string[];
}

/** Public events seen on the exchange: count per routing key and change, and a few examples. */
export interface EventsSummary {
  total: number;
  byKey: Record<string, number>;
  examples: string[];
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** The demo's view of a stored run report (unknown shape in, every field defaulted). */
export function summariseRun(
  label: string,
  runId: string,
  seconds: number,
  report: Record<string, unknown>,
): RunSummary {
  const counts = record(report.counts);
  const findings = record(report.findings);
  const datasets = Array.isArray(report.datasets) ? (report.datasets as Array<Record<string, unknown>>) : [];
  return {
    label,
    runId,
    outcome: String(report.outcome ?? 'unknown'),
    heldReasons: Array.isArray(report.heldReasons) ? report.heldReasons.map(String) : [],
    seconds: Number(seconds.toFixed(3)),
    counts: Object.fromEntries(
      USER_KINDS.map((kind) => [kind, Object.fromEntries(COUNT_COLUMNS.map((c) => [c, num(record(counts[kind])[c])]))]),
    ) as RunSummary['counts'],
    findings: Object.fromEntries(Object.entries(findings).map(([kind, group]) => [kind, num(record(group).count)])),
    eventsPublished: num(report.eventsPublished),
    userWrites: num(report.userWrites),
    mayBeCached: report.mayBeCached === true,
    failedDatasets: datasets
      .filter((d) => d.status === 'failed')
      .map((d) => `${String(d.dataset)} (${String(d.stage ?? '?')}: ${String(d.reason ?? 'no reason given')})`),
  };
}

/** The key an event is counted under: routing key plus what changed. */
export function eventKey(event: TappedEvent): string {
  const d = event.data;
  if (event.routingKey.startsWith('user.changed')) return `${event.routingKey} ${String(d.change)}`;
  if (event.routingKey.startsWith('group.changed')) return `${event.routingKey} ${String(d.kind)}`;
  if (event.routingKey.startsWith('attendance.changed'))
    return `${event.routingKey} ${String(d.session)} ${String(d.status)}`;
  return event.routingKey;
}

/** One line about an event, with names only (no emails, no ids beyond iSAMS's pupil id). */
export function describeEvent(event: TappedEvent): string {
  const d = event.data;
  if (event.routingKey.startsWith('user.changed')) {
    const user = record(d.user);
    const name = [user.preferredName ?? user.forename, user.surname].filter(Boolean).join(' ') || '(no name)';
    const where = [user.yearGroup, user.form].filter(Boolean).join(', ');
    const fields =
      Array.isArray(d.changedFields) && d.changedFields.length && d.change !== 'created'
        ? ` [${d.changedFields.join(', ')}]`
        : '';
    return `${String(d.kind)} ${String(d.change)}: ${name}${where ? ` (${where})` : ''}${fields}`;
  }
  if (event.routingKey.startsWith('group.changed')) {
    const added = Array.isArray(d.addedUserIds) ? d.addedUserIds.length : 0;
    const removed = Array.isArray(d.removedUserIds) ? d.removedUserIds.length : 0;
    return `${String(d.kind)} ${String(d.name)}: +${added} / -${removed} members`;
  }
  if (event.routingKey.startsWith('attendance.changed'))
    return `pupil ${String(d.isamsId)} ${String(d.session)}: ${String(d.status)}${d.code ? ` (code ${String(d.code)})` : ''}`;
  return event.routingKey;
}

/** Counts per key, and one example per distinct key up to `maxExamples`. */
export function summariseEvents(events: readonly TappedEvent[], maxExamples = 8): EventsSummary {
  const byKey: Record<string, number> = {};
  const examples: string[] = [];
  for (const event of events) {
    const key = eventKey(event);
    if (!byKey[key] && examples.length < maxExamples) examples.push(describeEvent(event));
    byKey[key] = (byKey[key] ?? 0) + 1;
  }
  return {
    total: events.length,
    byKey: Object.fromEntries(Object.entries(byKey).sort(([a], [b]) => a.localeCompare(b))),
    examples,
  };
}

/** The run as a table: one row per user kind, one column per count; then findings and the outcome. */
export function formatRun(run: RunSummary): string[] {
  const lines = [
    `${run.label}: run ${run.runId}, outcome ${run.outcome.toUpperCase()} in ${run.seconds.toFixed(1)} s, ${run.userWrites} user writes, ${run.eventsPublished} events published`,
  ];
  if (run.heldReasons.length) lines.push(`  held because: ${run.heldReasons.join('; ')}`);
  for (const failed of run.failedDatasets) lines.push(`  failed dataset: ${failed}`);
  lines.push(`  ${'users'.padEnd(9)}${COUNT_COLUMNS.map((c) => c.padStart(13)).join('')}`);
  for (const kind of USER_KINDS)
    lines.push(`  ${kind.padEnd(9)}${COUNT_COLUMNS.map((c) => String(run.counts[kind][c]).padStart(13)).join('')}`);
  const findings = Object.entries(run.findings).sort(([, a], [, b]) => b - a);
  lines.push(
    findings.length
      ? `  findings: ${findings.map(([kind, count]) => `${kind} ${count}`).join(', ')}`
      : '  findings: none',
  );
  if (run.mayBeCached) lines.push("  note: some data may have come from iSAMS's Batch cache");
  return lines;
}

export function formatEvents(events: EventsSummary): string[] {
  const lines = [`Events on the public exchange (${events.total}, each once by eventId):`];
  const width = Math.max(10, ...Object.keys(events.byKey).map((k) => k.length));
  for (const [key, count] of Object.entries(events.byKey))
    lines.push(`  ${key.padEnd(width)} ${String(count).padStart(6)}`);
  if (events.examples.length) lines.push('  examples:', ...events.examples.map((e) => `    ${e}`));
  return lines;
}
