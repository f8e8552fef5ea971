import { formatPlanEntry, type PlanEntry } from '@isams-sync/import-rules';
import type { DirectoryRepository } from '@isams-sync/persistence';
import type { CliIo } from '../commands/command';

interface PlanRef {
  fingerprint: string;
  entries: number;
  chunks: number;
}

function planRefOf(report: Record<string, unknown>): PlanRef | undefined {
  const plan = report.plan as Partial<PlanRef> | undefined;
  return plan && typeof plan.fingerprint === 'string' && typeof plan.chunks === 'number' ? (plan as PlanRef) : undefined;
}

/** A run's stored plan entries, or undefined when the run stored none (planned before plans were kept, or pruned). */
export async function loadPlan(directory: DirectoryRepository, schoolId: string, runId: string, report: Record<string, unknown>): Promise<PlanEntry[] | undefined> {
  const ref = planRefOf(report);
  if (!ref) return undefined;
  return (await directory.plan(schoolId, runId, ref.fingerprint, ref.chunks)) as unknown as PlanEntry[];
}

/** The plan, one line per change, headed by its size; says so when there is nothing to change. */
export function printPlan(entries: readonly PlanEntry[], io: CliIo): void {
  io.out(entries.length ? `plan: ${entries.length} change${entries.length === 1 ? '' : 's'}` : 'plan: nothing to change');
  for (const entry of entries) io.out(`  ${formatPlanEntry(entry)}`);
}
