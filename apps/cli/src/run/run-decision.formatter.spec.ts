import { decisionProgress, refusal, type RunDecision } from './run-decision.formatter';

describe('refusal', () => {
  it.each<[string | undefined, RunDecision, string | undefined]>([
    ['held', 'approve', undefined],
    ['held', 'reject', undefined],
    [undefined, 'approve', "run r1 of school s1 does not exist (see 'isams-sync report --school s1')"],
    ['succeeded', 'approve', 'run r1 is succeeded, not held: only a run held by the mass-change guard can be approved'],
    ['rejected', 'reject', 'run r1 is rejected, not held: only a run held by the mass-change guard can be rejected'],
    [
      'transforming',
      'reject',
      'run r1 is transforming, not held: only a run held by the mass-change guard can be rejected',
    ],
  ])('%s run, %s → %s', (status, decision, expected) => {
    expect(refusal('r1', 's1', status, decision)).toBe(expected);
  });
});

describe('decisionProgress', () => {
  it.each<[RunDecision, string, boolean, number | undefined]>([
    ['approve', 'held', false, undefined],
    ['approve', 'importing', false, undefined],
    ['approve', 'succeeded', true, 0],
    ['approve', 'partial', true, 0],
    ['approve', 'rejected', true, 1],
    ['approve', 'failed', true, 1],
    ['reject', 'held', false, undefined],
    ['reject', 'importing', false, undefined],
    ['reject', 'rejected', true, 0],
    ['reject', 'succeeded', true, 1],
  ])('%s, run now %s → settled %s, exit %s', (decision, status, settled, code) => {
    const progress = decisionProgress('r1', decision, status);
    expect(progress.settled).toBe(settled);
    if (progress.settled) expect(progress.code).toBe(code);
  });

  it.each<[RunDecision, string, boolean, number | undefined]>([
    ['approve', 'held', true, 1],
    ['approve', 'importing', false, undefined],
    ['reject', 'held', false, undefined],
  ])('%s, run now %s, plan changed → settled %s, exit %s', (decision, status, settled, code) => {
    const progress = decisionProgress('r1', decision, status, true);
    expect(progress.settled).toBe(settled);
    if (progress.settled) expect(progress.code).toBe(code);
  });

  it('an approval held again says why and what to do', () => {
    expect(decisionProgress('r1', 'approve', 'held', true)).toMatchObject({
      message: expect.stringContaining('its plan changed since it was held'),
    });
    expect(decisionProgress('r1', 'approve', 'held', true)).toMatchObject({
      message: expect.stringContaining("'isams-sync report --run r1 --plan'"),
    });
  });

  it('says what happened', () => {
    expect(decisionProgress('r1', 'approve', 'partial')).toMatchObject({
      message: 'run r1 approved and applied: partial',
    });
    expect(decisionProgress('r1', 'reject', 'rejected')).toMatchObject({
      message: 'run r1 rejected: nothing was applied',
    });
    expect(decisionProgress('r1', 'reject', 'succeeded')).toMatchObject({
      message: 'run r1 ended succeeded after the rejection',
    });
  });
});
