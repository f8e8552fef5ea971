import type { ChangePlan, KindCounts } from '@isams-sync/import-rules';
import type { DatasetFetchProgress } from '@isams-sync/persistence';

export type RunOutcome = 'succeeded' | 'partial' | 'held' | 'planned';

export interface ReportFinding {
  dataset?: string;
  recordRef?: string;
  message?: string;
  fix?: string;
}

export interface RunReport {
  runId: string;
  schoolId: string;
  trigger: string;
  requestedBy: string;
  dryRun: boolean;
  outcome: RunOutcome;
  heldReasons: string[];
  datasets: Array<{
    dataset: string;
    status: 'normalised' | 'failed';
    stage?: string;
    reason?: string;
    fix?: string;
    records?: Record<string, number>;
    findings: number;
    httpStatus?: number;
    bytes?: number;
    fetchMs?: number;
    transformMs?: number;
    identicalToPrevious?: boolean;
    /** The document and its mapping inputs were those of this earlier run: its records were used. */
    recordsReusedFromRun?: string;
  }>;
  counts: { students: KindCounts; parents: KindCounts; staff: KindCounts };
  findings: Record<string, { severity: string; count: number; items: ReportFinding[] }>;
  excludedContacts: Record<string, number>;
  mayBeCached: boolean;
  datasetSizes: Record<string, number>;
  userWrites: number;
  groupWrites: number;
  /** Set once the run's events are confirmed by the broker (absent while they are not). */
  eventsPublished?: number;
  finishedAt: Date;
}

export interface ReportInputs {
  run: {
    _id: string;
    schoolId: string;
    trigger: string;
    requestedBy: string;
    dryRun: boolean;
    fetch?: Record<string, DatasetFetchProgress>;
  };
  outcomes: Array<{
    dataset: string;
    status: 'normalised' | 'failed';
    stage?: string;
    reason?: string;
    fix?: string;
    counts?: Record<string, number>;
    findings?: Array<Record<string, unknown>>;
    durationMs?: number;
    recordsRunId?: string;
  }>;
  plan: ChangePlan;
  ruleFindings: Array<Record<string, unknown>>;
  excludedContacts: Record<string, number>;
  heldReasons: string[];
  datasetSizes: Record<string, number>;
  outcome: RunOutcome;
  userWrites: number;
  groupWrites: number;
  now: Date;
}

const ITEMS_PER_KIND = 500;

/** What support reads: per dataset status and timings, counts per user kind, findings grouped by kind with the fix. */
export function buildRunReport(input: ReportInputs): RunReport {
  const findings: RunReport['findings'] = {};
  const add = (f: Record<string, unknown>, dataset?: string) => {
    const kind = String(f.kind ?? 'unknown');
    const group = (findings[kind] ??= { severity: String(f.severity ?? 'warning'), count: 0, items: [] });
    group.count += 1;
    if (group.items.length < ITEMS_PER_KIND) {
      group.items.push({
        dataset: (f.dataset as string | undefined) ?? dataset,
        recordRef: f.recordRef as string | undefined,
        message: f.message as string | undefined,
        fix: f.fix as string | undefined,
      });
    }
  };
  for (const o of input.outcomes) for (const f of o.findings ?? []) add(f, o.dataset);
  for (const f of input.ruleFindings) add(f);

  const datasets = input.outcomes
    .map((o) => {
      const fetch = input.run.fetch?.[o.dataset];
      return {
        dataset: o.dataset,
        status: o.status,
        ...(o.stage ? { stage: o.stage } : {}),
        ...(o.reason ? { reason: o.reason } : {}),
        ...(o.fix ? { fix: o.fix } : {}),
        ...(o.counts ? { records: o.counts } : {}),
        findings: o.findings?.length ?? 0,
        ...(fetch?.httpStatus !== undefined ? { httpStatus: fetch.httpStatus } : {}),
        ...(fetch?.bytes !== undefined ? { bytes: fetch.bytes } : {}),
        ...(fetch?.durationMs !== undefined ? { fetchMs: fetch.durationMs } : {}),
        ...(o.durationMs !== undefined ? { transformMs: o.durationMs } : {}),
        ...(fetch?.identicalToPrevious !== undefined ? { identicalToPrevious: fetch.identicalToPrevious } : {}),
        ...(o.recordsRunId && o.recordsRunId !== input.run._id ? { recordsReusedFromRun: o.recordsRunId } : {}),
      };
    })
    .sort((a, b) => a.dataset.localeCompare(b.dataset));

  return {
    runId: input.run._id,
    schoolId: input.run.schoolId,
    trigger: input.run.trigger,
    requestedBy: input.run.requestedBy,
    dryRun: input.run.dryRun,
    outcome: input.outcome,
    heldReasons: input.heldReasons,
    datasets,
    counts: { students: input.plan.counts.student, parents: input.plan.counts.parent, staff: input.plan.counts.staff },
    findings,
    excludedContacts: input.excludedContacts,
    mayBeCached: datasets.some((d) => d.identicalToPrevious === true),
    datasetSizes: input.datasetSizes,
    userWrites: input.userWrites,
    groupWrites: input.groupWrites,
    finishedAt: input.now,
  };
}

/**
 * planned for a dry run (whatever the guard says: its reasons are in the report, and a dry run is
 * never there to be approved); held when the guard says so; partial when a dataset failed; else succeeded.
 */
export function runOutcome(dryRun: boolean, hold: boolean, outcomes: ReadonlyArray<{ status: string }>): RunOutcome {
  if (dryRun) return 'planned';
  if (hold) return 'held';
  return outcomes.some((o) => o.status === 'failed') ? 'partial' : 'succeeded';
}
