import { formatPlanEntry, type PlanEntry } from '@isams-sync/import-rules';
import { type RunPlanRepository, storedPlanRef } from '@isams-sync/persistence';
import type { CliIo } from '../commands/command';

/** A run's stored plan entries, or undefined when the run stored none (planned before plans were kept, or pruned). */
export async function loadPlan(
  plans: RunPlanRepository,
  schoolId: string,
  runId: string,
  report: Record<string, unknown>,
): Promise<PlanEntry[] | undefined> {
  const ref = storedPlanRef(report);
  if (!ref) return undefined;
  return (await plans.plan(schoolId, runId, ref)) as unknown as PlanEntry[] | undefined;
}

/** The plan, one line per change, headed by its size; says so when there is nothing to change. */
export function printPlan(entries: readonly PlanEntry[], io: CliIo): void {
  io.out(
    entries.length ? `plan: ${entries.length} change${entries.length === 1 ? '' : 's'}` : 'plan: nothing to change',
  );
  for (const entry of entries) io.out(`  ${formatPlanEntry(entry)}`);
}
