import type { SyncRunStatus } from '@isams-sync/persistence';
import { type Decision, decisionAction } from './run-decision';

describe('decisionAction', () => {
  it.each<[Decision, SyncRunStatus, Decision | undefined, string]>([
    ['approve', 'held', undefined, 'apply'],
    ['reject', 'held', undefined, 'reject'],
    ['approve', 'held', 'approve', 'apply'],
    ['approve', 'importing', 'approve', 'apply'],
    ['approve', 'succeeded', 'approve', 'skip'],
    ['approve', 'partial', 'approve', 'skip'],
    ['reject', 'rejected', 'reject', 'skip'],
    ['approve', 'succeeded', undefined, 'refuse'],
    ['approve', 'importing', undefined, 'refuse'],
    ['approve', 'rejected', 'reject', 'refuse'],
    ['reject', 'succeeded', 'approve', 'refuse'],
    ['reject', 'rejected', undefined, 'refuse'],
    ['reject', 'transforming', undefined, 'refuse'],
    ['approve', 'planned', undefined, 'refuse'],
    ['approve', 'failed', undefined, 'refuse'],
  ])('%s a %s run (recorded decision %s) → %s', (decision, status, recorded, kind) => {
    expect(decisionAction(decision, 'r1', status, recorded).kind).toBe(kind);
  });

  it('a refusal names the run and its status', () => {
    expect(decisionAction('approve', 'r9', 'planned')).toEqual({
      kind: 'refuse',
      why: 'run r9 is planned, not held: only a run held by the mass-change guard can be approved',
    });
    expect(decisionAction('reject', 'r9', 'succeeded')).toMatchObject({
      why: expect.stringContaining('can be rejected'),
    });
  });
});
