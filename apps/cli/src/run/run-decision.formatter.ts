export type RunDecision = 'approve' | 'reject';

/** Where a decided run stands: still on its way, or finished with an exit code and what to say. */
export type DecisionProgress = { settled: false } | { settled: true; code: 0 | 1; message: string };

/** Checked before publishing: only a held run can be decided. Undefined means go ahead. */
export function refusal(
  runId: string,
  schoolId: string,
  status: string | undefined,
  decision: RunDecision,
): string | undefined {
  if (status === undefined)
    return `run ${runId} of school ${schoolId} does not exist (see 'isams-sync report --school ${schoolId}')`;
  if (status !== 'held')
    return `run ${runId} is ${status}, not held: only a run held by the mass-change guard can be ${decision === 'approve' ? 'approved' : 'rejected'}`;
  return undefined;
}

/**
 * After the decision was sent: an approval ends when the run is applied (succeeded or partial), a
 * rejection when the run is rejected. `held` and `importing` mean the importer has not finished yet,
 * unless the run is held with another plan than the one approved (the importer planned again and
 * found the plan changed).
 */
export function decisionProgress(
  runId: string,
  decision: RunDecision,
  status: string,
  planChanged = false,
): DecisionProgress {
  if (status === 'held' && decision === 'approve' && planChanged) {
    return {
      settled: true,
      code: 1,
      message: `run ${runId} is held again, nothing applied: its plan changed since it was held (iSAMS data or SchoolsBuddy users changed). Review the new plan with 'isams-sync report --run ${runId} --plan' and approve again.`,
    };
  }
  if (status === 'held' || status === 'importing') return { settled: false };
  if (decision === 'approve' && (status === 'succeeded' || status === 'partial')) {
    return { settled: true, code: 0, message: `run ${runId} approved and applied: ${status}` };
  }
  if (decision === 'reject' && status === 'rejected')
    return { settled: true, code: 0, message: `run ${runId} rejected: nothing was applied` };
  return {
    settled: true,
    code: 1,
    message: `run ${runId} ended ${status} after the ${decision === 'approve' ? 'approval' : 'rejection'}`,
  };
}
