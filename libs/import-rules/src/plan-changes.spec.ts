import type { PlannedGroup } from './groups';
import type { DatasetCompleteness } from './dataset-completeness';
import { planChanges } from './plan-changes';
import { plannedUser, stored } from './testing/record.builders';
import type { PlannedUser } from './user.model';

const COMPLETE: DatasetCompleteness = {
  pupils: 'complete',
  staff: 'complete',
  contacts: 'complete',
  structure: 'complete',
  teaching: 'complete',
};
const plan = (
  current: PlannedUser[],
  incoming: PlannedUser[],
  completeness = COMPLETE,
  groups: { current?: PlannedGroup[]; incoming?: PlannedGroup[] } = {},
) =>
  planChanges(
    current.map((user) => stored(user)),
    { users: incoming, groups: groups.incoming ?? [] },
    completeness,
    groups.current ?? [],
  );

const pupil = (id: string, fields: Partial<PlannedUser> = {}) =>
  plannedUser(`student:${id}`, { yearGroup: 'Year 7', ...fields });
const parent = (id: string, children: string[], fields: Partial<PlannedUser> = {}) =>
  plannedUser(`contact:${id}`, { childUserKeys: children.map((c) => `student:${c}`), ...fields });
const teacher = (id: string, fields: Partial<PlannedUser> = {}) =>
  plannedUser(`staff:${id}`, { loginEmail: `t${id}@school.example`, ...fields });

describe('planChanges: creates, updates, unchanged', () => {
  it('a first sync creates everyone and counts them per kind, with those without a login', () => {
    const result = plan(
      [],
      [pupil('1'), pupil('2', { loginEmail: 'p2@school.example' }), parent('9', ['1']), teacher('5')],
    );
    expect(result.creates.map((c) => [c.kind, c.user.userKey, c.change])).toEqual([
      ['student', 'student:1', 'created'],
      ['student', 'student:2', 'created'],
      ['parent', 'contact:9', 'created'],
      ['staff', 'staff:5', 'created'],
    ]);
    expect(result.counts.student).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
      reactivated: 0,
      withoutLogin: 1,
    });
    expect(result.counts.parent.withoutLogin).toBe(1);
    expect(result.counts.staff.withoutLogin).toBe(0);
  });

  it('the same data again is all unchanged: no writes', () => {
    const users = [pupil('1'), parent('9', ['1']), teacher('5')];
    const result = plan(users, users);
    expect([result.creates, result.updates, result.deactivations, result.reactivations]).toEqual([[], [], [], []]);
    expect(result.unchanged).toBe(3);
  });

  it.each([
    ['a new surname', { surname: "O'Brien" }, ['surname'], 'updated', ['updated']],
    [
      'an email change',
      { email: 'Zoe@Example.com ', loginEmail: 'zoe@example.com' },
      ['email', 'loginEmail'],
      'email_changed',
      ['updated', 'email_changed'],
    ],
    [
      'a lost login (email now shared)',
      { loginEmail: undefined },
      ['loginEmail'],
      'email_changed',
      ['updated', 'email_changed'],
    ],
    [
      'becoming a parent too',
      { roles: ['staff', 'parent'], isams: { staffId: '5', contactIds: ['9'] }, childUserKeys: ['student:1'] },
      ['roles', 'isams', 'childUserKeys'],
      'roles_changed',
      ['updated', 'roles_changed'],
    ],
  ] as const)('staff with %s → update with its changed fields', (_case, patch, fields, change, changes) => {
    const before = teacher('5', { email: 't5@school.example' });
    const result = plan([before], [{ ...before, ...patch } as PlannedUser]);
    expect(result.updates).toHaveLength(1);
    expect(result.updates[0]).toMatchObject({
      kind: 'staff',
      userId: 'id-staff:5',
      changedFields: fields,
      change,
      changes,
    });
    expect(result.counts.staff.updated).toBe(1);
  });

  it('summer roll-over: every pupil changes year group → updates of the same users, not creates', () => {
    const before = ['1', '2', '3'].map((id) => pupil(id, { yearGroup: 'Year 7', form: '7A' }));
    const after = ['1', '2', '3'].map((id) => pupil(id, { yearGroup: 'Year 8', form: '8A' }));
    const result = plan(before, after);
    expect(result.creates).toEqual([]);
    expect(result.updates.map((u) => [u.userId, u.changedFields])).toEqual([
      ['id-student:1', ['yearGroup', 'form']],
      ['id-student:2', ['yearGroup', 'form']],
      ['id-student:3', ['yearGroup', 'form']],
    ]);
  });

  it('a parent who joins the staff keeps their user and id (matched by contact id)', () => {
    const before = parent('9', ['1'], { loginEmail: 'p@example.com' });
    const after = plannedUser('staff:5', {
      roles: ['staff', 'parent'],
      isams: { staffId: '5', contactIds: ['9'] },
      childUserKeys: ['student:1'],
      loginEmail: 'p@example.com',
    });
    const result = plan([before, pupil('1')], [after, pupil('1')]);
    expect(result.creates).toEqual([]);
    expect(result.updates).toHaveLength(1);
    expect(result.updates[0]).toMatchObject({
      userId: 'id-contact:9',
      user: { userKey: 'contact:9', roles: ['staff', 'parent'] },
      change: 'roles_changed',
    });
  });
});

describe('planChanges: leavers', () => {
  it('a student missing from a complete pupils dataset is deactivated; their only-child parent too', () => {
    const result = plan([pupil('1'), pupil('2'), parent('9', ['2'])], [pupil('1')]);
    expect(result.deactivations.map((d) => [d.kind, d.userId, d.reason, d.change])).toEqual([
      ['student', 'id-student:2', 'left-pupils', 'deactivated'],
      ['parent', 'id-contact:9', 'no-current-pupil', 'deactivated'],
    ]);
    expect(result.deactivations[0].user.active).toBe(false);
  });

  it.each([
    ['failed', { ...COMPLETE, pupils: 'failed' }],
    ['missing', { ...COMPLETE, pupils: 'missing' }],
    ['absent', { staff: 'complete', contacts: 'complete' }],
  ] as const)('a %s pupils dataset deactivates no pupil and no parent', (_status, completeness) => {
    const result = plan([pupil('1'), pupil('2'), parent('9', ['2'])], [], completeness);
    expect(result.deactivations).toEqual([]);
    expect(result.unchanged).toBe(3);
  });

  it('a failed contacts dataset deactivates no parent and strips no parent role', () => {
    const both = plannedUser('staff:5', {
      roles: ['staff', 'parent'],
      isams: { staffId: '5', contactIds: ['9'] },
      childUserKeys: ['student:1'],
    });
    const staffOnly = plannedUser('staff:5', { roles: ['staff'], isams: { staffId: '5', contactIds: [] } });
    const result = plan([pupil('1'), parent('8', ['1']), both], [pupil('1'), staffOnly], {
      ...COMPLETE,
      contacts: 'failed',
    });
    expect(result.deactivations).toEqual([]);
    expect(result.updates).toEqual([]);
    expect(result.counts.parent.unchanged + result.counts.staff.unchanged).toBe(2);
  });

  it('staff missing from a complete staff dataset, or listed as left, are deactivated', () => {
    const result = plan([teacher('5'), teacher('6'), teacher('7')], [teacher('5'), teacher('6', { active: false })]);
    expect(result.deactivations.map((d) => [d.userId, d.reason])).toEqual([
      ['id-staff:6', 'left-staff'],
      ['id-staff:7', 'left-staff'],
    ]);
    expect(result.counts.staff).toMatchObject({ deactivated: 2, unchanged: 1 });
  });

  it('a failed staff dataset deactivates no staff', () => {
    expect(plan([teacher('5')], [], { ...COMPLETE, staff: 'failed' }).deactivations).toEqual([]);
  });

  it('a staff leaver we never knew is not created', () => {
    expect(plan([], [teacher('5', { active: false })]).creates).toEqual([]);
  });

  it('an already deactivated user stays as it is', () => {
    const result = plan([pupil('1', { active: false })], []);
    expect(result.deactivations).toEqual([]);
    expect(result.unchanged).toBe(1);
  });

  it('a leaver who returns is reactivated as the same user', () => {
    const result = plan([pupil('1', { active: false, yearGroup: 'Year 7' })], [pupil('1', { yearGroup: 'Year 8' })]);
    expect(result.creates).toEqual([]);
    expect(result.reactivations).toEqual([
      expect.objectContaining({
        kind: 'student',
        userId: 'id-student:1',
        change: 'reactivated',
        changedFields: ['yearGroup'],
        user: expect.objectContaining({ active: true }),
      }),
    ]);
    expect(result.counts.student.reactivated).toBe(1);
  });
});

describe('planChanges: group memberships', () => {
  const group = (groupKey: string, members: string[], kind: PlannedGroup['kind'] = 'form'): PlannedGroup => ({
    groupKey,
    kind,
    name: groupKey.split(':').pop() ?? '',
    memberUserKeys: members,
  });

  it('a new group adds all its members', () => {
    const result = plan([], [], COMPLETE, { incoming: [group('form:7A', ['staff:5', 'student:1'])] });
    expect(result.groupMembershipChanges).toEqual([
      {
        groupKey: 'form:7A',
        kind: 'form',
        name: '7A',
        added: ['staff:5', 'student:1'],
        removed: [],
        isNew: true,
        isGone: false,
      },
    ]);
  });

  it('moves: added and removed members; unchanged groups are left out', () => {
    const result = plan([], [], COMPLETE, {
      current: [
        group('form:7A', ['student:1', 'student:2']),
        group('form:7B', ['student:3']),
        group('form:7C', ['student:4']),
      ],
      incoming: [
        group('form:7A', ['student:1']),
        group('form:7B', ['student:2', 'student:3']),
        group('form:7C', ['student:4']),
      ],
    });
    expect(result.groupMembershipChanges.map((c) => [c.groupKey, c.added, c.removed])).toEqual([
      ['form:7A', [], ['student:2']],
      ['form:7B', ['student:2'], []],
    ]);
  });

  it('a group gone from iSAMS loses its members', () => {
    const result = plan([], [], COMPLETE, { current: [group('set:1', ['staff:5', 'student:1'], 'set')] });
    expect(result.groupMembershipChanges).toEqual([
      expect.objectContaining({ groupKey: 'set:1', removed: ['staff:5', 'student:1'], isGone: true }),
    ]);
  });

  it.each([
    ['pupils failed: pupils stay in the set', { ...COMPLETE, pupils: 'failed' }, ['staff:5']],
    ['teaching failed: nobody leaves a set', { ...COMPLETE, teaching: 'failed' }, []],
    ['staff missing: teachers stay', { ...COMPLETE, staff: 'missing' }, ['student:1']],
  ] as const)('removals wait for complete datasets: %s', (_case, completeness, removed) => {
    const result = plan([], [], completeness, {
      current: [group('set:1', ['staff:5', 'student:1'], 'set')],
      incoming: [group('set:1', [], 'set')],
    });
    expect(result.groupMembershipChanges.flatMap((c) => c.removed)).toEqual(removed);
  });

  it('members are renamed to the stored key of a user matched by identity', () => {
    const before = parent('9', []);
    const after = plannedUser('staff:5', { roles: ['staff', 'parent'], isams: { staffId: '5', contactIds: ['9'] } });
    const result = plan([before], [after], COMPLETE, { incoming: [group('form:7A', ['staff:5'])] });
    expect(result.groupMembershipChanges[0].added).toEqual(['contact:9']);
  });
});
