import type { SyncRunStatus } from '@isams-sync/persistence';

export type Decision = 'approve' | 'reject';

/** What to do with a decision message, given where the run is now. */
export type DecisionAction =
  { kind: 'apply' } | { kind: 'reject' } | { kind: 'skip'; why: string } | { kind: 'refuse'; why: string };

/**
 * Only a held run can be decided. A redelivered decision finds the run already where that decision
 * took it (or, for an approval, still importing) and changes nothing; anything else is refused with
 * the run's status so the person deciding knows why.
 */
export function decisionAction(
  decision: Decision,
  runId: string,
  status: SyncRunStatus,
  recorded?: Decision,
): DecisionAction {
  if (status === 'held') return { kind: decision === 'approve' ? 'apply' : 'reject' };
  if (recorded === decision) {
    // An approval whose importer died mid-apply: the claim's lease decides whether to take it over.
    if (decision === 'approve' && status === 'importing') return { kind: 'apply' };
    if (decision === 'approve' && (status === 'succeeded' || status === 'partial'))
      return { kind: 'skip', why: `run ${runId} was already approved (${status})` };
    if (decision === 'reject' && status === 'rejected')
      return { kind: 'skip', why: `run ${runId} was already rejected` };
  }
  return {
    kind: 'refuse',
    why: `run ${runId} is ${status}, not held: only a run held by the mass-change guard can be ${decision === 'approve' ? 'approved' : 'rejected'}`,
  };
}
