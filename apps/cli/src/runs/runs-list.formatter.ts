import { textTable } from '../report/text-table';

/** The parts of a stored run and its report that the list shows. */
export interface RunForList {
  _id: string;
  schoolId: string;
  status: string;
  trigger: string;
  requestedBy: string;
  dryRun?: boolean;
  createdAt?: Date;
  updatedAt?: Date;
  fetch?: Record<string, { status: string; error?: string } | undefined>;
}

export interface ReportForList {
  heldReasons?: unknown;
  datasets?: unknown;
  decision?: unknown;
}

export interface RunRow {
  schoolId: string;
  runId: string;
  status: string;
  trigger: string;
  requestedBy: string;
  dryRun: boolean;
  createdAt: string | null;
  /** since the run last changed (its outcome, for a finished run) */
  ageSeconds: number | null;
  reason: string;
}

/** Why a run ended as it did, in one line: the guard's reasons, failed datasets, or who decided. */
export function runReason(run: RunForList, report: ReportForList | null | undefined): string {
  const held = Array.isArray(report?.heldReasons) ? (report.heldReasons as string[]) : [];
  const decision = report?.decision as { decision?: string; decidedBy?: string; reason?: string } | undefined;
  const reportFailures = Array.isArray(report?.datasets)
    ? (report.datasets as Array<{ dataset: string; status: string; reason?: string }>)
        .filter((d) => d.status === 'failed')
        .map((d) => `${d.dataset}: ${d.reason ?? 'failed'}`)
    : [];
  const fetchFailures = Object.entries(run.fetch ?? {})
    .filter(([, p]) => p?.status === 'failed')
    .map(([dataset, p]) => `${dataset}: ${p?.error ?? 'failed'}`);
  const parts = [
    ...(run.status === 'held' ? held : []),
    ...(reportFailures.length ? reportFailures : fetchFailures),
    ...(decision?.decision
      ? [
          `${decision.decision === 'reject' ? 'rejected' : 'approved'} by ${decision.decidedBy ?? 'someone'}${decision.reason ? `: ${decision.reason}` : ''}`,
        ]
      : []),
  ];
  return parts.join('; ');
}

export function runRow(run: RunForList, report: ReportForList | null | undefined, now: Date): RunRow {
  const changed = run.updatedAt ?? run.createdAt;
  return {
    schoolId: run.schoolId,
    runId: run._id,
    status: run.status,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    dryRun: run.dryRun === true,
    createdAt: run.createdAt ? new Date(run.createdAt).toISOString() : null,
    ageSeconds: changed ? Math.max(0, Math.round((now.getTime() - new Date(changed).getTime()) / 1000)) : null,
    reason: runReason(run, report),
  };
}

/** 90 s → "1m", 3 h 5 m → "3h05m", 2 days → "2d04h": enough to see what is stale at a glance. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${String(hours % 24).padStart(2, '0')}h`;
}

export function formatRunsTable(rows: readonly RunRow[]): string[] {
  if (rows.length === 0) return ['no runs match'];
  return textTable(
    ['school', 'run', 'status', 'trigger', 'age', 'by', 'reason'],
    rows.map((r) => [
      r.schoolId,
      r.runId,
      r.dryRun ? `${r.status} (dry run)` : r.status,
      r.trigger,
      formatAge(r.ageSeconds),
      r.requestedBy,
      r.reason.length > 120 ? `${r.reason.slice(0, 117)}...` : r.reason,
    ]),
  );
}
