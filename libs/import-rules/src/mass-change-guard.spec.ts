import { guardMassChange, type MassChangeInput } from './mass-change-guard';
import type { UserDeactivation, UserUpdate } from './plan-changes';
import { plannedUser } from './testing/record.builders';
import type { PublicUserField, UserKind } from './user.model';

const deactivations = (kind: UserKind, count: number): UserDeactivation[] =>
  Array.from({ length: count }, (_, i) => {
    const user = plannedUser(`student:${i}`, { active: false });
    return {
      kind,
      userId: `u${i}`,
      userKey: user.userKey,
      reason: 'left-pupils',
      change: 'deactivated',
      user,
      contentHash: '',
    };
  });
const updates = (kind: UserKind, count: number, changedFields: PublicUserField[] = ['surname']): UserUpdate[] =>
  Array.from({ length: count }, (_, i) => ({
    kind,
    userId: `u${i}`,
    user: plannedUser(`student:${i}`),
    contentHash: '',
    changedFields,
    change: 'updated',
    changes: ['updated'],
  }));

const guard = (patch: Partial<MassChangeInput>) =>
  guardMassChange({
    plan: { updates: [], deactivations: [] },
    currentActive: { student: 100, parent: 150, staff: 20 },
    datasetSizes: {},
    ...patch,
  });

describe('guardMassChange', () => {
  it.each([
    ['nothing to do', {}, false],
    [
      '10 of 100 students deactivated (exactly the threshold)',
      { plan: { updates: [], deactivations: deactivations('student', 10) } },
      false,
    ],
    ['11 of 100 students deactivated', { plan: { updates: [], deactivations: deactivations('student', 11) } }, true],
    ['50% pupil drop', { plan: { updates: [], deactivations: deactivations('student', 50) } }, true],
    ['3 of 20 staff deactivated (15%)', { plan: { updates: [], deactivations: deactivations('staff', 3) } }, true],
    [
      '11 of 150 parents deactivated (7%)',
      { plan: { updates: [], deactivations: deactivations('parent', 11) } },
      false,
    ],
    ['75 of 100 students updated', { plan: { updates: updates('student', 75), deactivations: [] } }, false],
    ['76 of 100 students updated', { plan: { updates: updates('student', 76), deactivations: [] } }, true],
    [
      'summer roll-over: every pupil moves year group and form',
      { plan: { updates: updates('student', 100, ['yearGroup', 'form']), deactivations: [] } },
      false,
    ],
    [
      'roll-over that also changes names',
      { plan: { updates: updates('student', 100, ['yearGroup', 'surname']), deactivations: [] } },
      true,
    ],
    [
      'a school threshold of 60% removals',
      {
        plan: { updates: [], deactivations: deactivations('student', 50) },
        thresholds: { removalPercent: 60, updatePercent: 75 },
      },
      false,
    ],
    ['a first sync (no current users)', { currentActive: {}, plan: { updates: [], deactivations: [] } }, false],
  ] as const)('%s → hold %s', (_case, patch, hold) => {
    const verdict = guard(patch as Partial<MassChangeInput>);
    expect(verdict.hold).toBe(hold);
    expect(verdict.reasons.length > 0).toBe(hold);
  });

  it.each([
    [
      'pupils came back empty',
      { pupils: 0 },
      { pupils: 600 },
      /pupils dataset came back empty \(600 records last time\)/,
    ],
    ['pupils came back empty on a first sync', { pupils: 0 }, undefined, /pupils dataset came back empty$/],
    [
      'pupils shrank by half',
      { pupils: 300 },
      { pupils: 600 },
      /pupils dataset shrank from 600 to 300 records \(50%\)/,
    ],
    ['contacts truncated by 11%', { contacts: 890 }, { contacts: 1000 }, /contacts dataset shrank/],
  ])('%s → held', (_case, datasetSizes, previousDatasetSizes, reason) => {
    const verdict = guard({ datasetSizes, previousDatasetSizes });
    expect(verdict.hold).toBe(true);
    expect(verdict.reasons).toEqual([expect.stringMatching(reason)]);
  });

  it.each([
    ['pupils shrank by 10%', { pupils: 540 }, { pupils: 600 }],
    ['pupils grew', { pupils: 700 }, { pupils: 600 }],
    ['no previous run', { pupils: 600 }, undefined],
  ])('%s → not held', (_case, datasetSizes, previousDatasetSizes) =>
    expect(guard({ datasetSizes, previousDatasetSizes }).hold).toBe(false),
  );

  it('says which kind and how many', () => {
    expect(guard({ plan: { updates: [], deactivations: deactivations('student', 50) } }).reasons).toEqual([
      '50 of 100 student users (50%) would be deactivated, above the 10% threshold',
    ]);
  });
});
