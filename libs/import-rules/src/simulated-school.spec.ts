import type { NormalisedRecord } from '@isams-sync/contracts';
import { DATASET_METHODS, type Dataset } from '@isams-sync/isams';
import { transformDocument } from '@isams-sync/normalise';
import { generateSchool, renderBatchDocument, type SimulatedSchool } from '@isams-sync/simulator';
import { buildIncoming, type IncomingState } from './build-incoming';
import { guardMassChange } from './mass-change-guard';
import { planChanges } from './plan-changes';
import { userContentHash } from './user.model';

/**
 * A realistic check: a 60-pupil simulated school through the real transformer and these rules. The
 * expectations come from the simulator's own record of the data-quality problems it planted.
 */
function normalise(school: SimulatedSchool): NormalisedRecord[] {
  const today = school.info().today;
  const transform = (dataset: Dataset, structure?: { yearGroups: NormalisedRecord[] }) =>
    transformDocument(dataset, renderBatchDocument(school, DATASET_METHODS[dataset]), {
      today,
      ...(structure ? { structure: { yearGroups: structure.yearGroups.filter((r) => r.type === 'yearGroup') } } : {}),
    }).records;
  const structure = transform('structure');
  return [
    ...structure,
    ...transform('staff'),
    ...transform('pupils', { yearGroups: structure }),
    ...transform('contacts'),
    ...transform('teaching'),
  ];
}

describe('a simulated school through buildIncoming', () => {
  const school = generateSchool({ seed: 42, pupils: 60 });
  const quality = school.qualityCases();
  const records = normalise(school);
  const state: IncomingState = buildIncoming(records, {});
  const userOfContact = (id: number) => state.users.find((user) => user.isams.contactIds.includes(String(id)));
  const findingsFor = (kind: string, contactId: number) =>
    state.findings.filter((f) => f.kind === kind && f.recordRef?.split(' / ').includes(`contact ${contactId}`));
  // The school's default filter, read independently from the simulator's truth.
  const included = new Set(
    school
      .contacts()
      .filter(
        (c) =>
          ['mother', 'father'].includes(c.relationship.toLowerCase()) && (c.flags.allMerges || c.flags.correspondence),
      )
      .map((c) => c.id),
  );

  it('plants every problem this test relies on', () => {
    expect(quality.staffParents.length).toBeGreaterThan(0);
    expect(quality.sharedFamilyEmails.length).toBeGreaterThan(0);
    expect(quality.contactsWithoutEmail.filter((id) => included.has(id)).length).toBeGreaterThan(0);
  });

  it('one student user per pupil, with a login exactly when the pupil has an email', () => {
    const students = state.users.filter((user) => user.roles.includes('student'));
    expect(students).toHaveLength(school.pupils().length);
    const withEmail = new Set(
      school
        .pupils()
        .filter((p) => p.email.trim() !== '')
        .map((p) => `student:${p.schoolId}`),
    );
    expect(new Set(students.filter((u) => u.loginEmail !== undefined).map((u) => u.userKey))).toEqual(withEmail);
    for (const schoolId of quality.pupilsWithoutEmail)
      expect(state.users.find((u) => u.userKey === `student:${schoolId}`)?.loginEmail).toBeUndefined();
  });

  it('a staff member who is also a parent is one user with both roles and a login', () => {
    for (const { staffId, contactId } of quality.staffParents.filter((c) => included.has(c.contactId))) {
      const user = userOfContact(contactId);
      expect(user).toMatchObject({ userKey: `staff:${staffId}`, roles: ['staff', 'parent'] });
      expect(user?.loginEmail).toBeDefined();
    }
  });

  it('two parents sharing a family email: both recorded without a login, a shared-email finding each', () => {
    for (const pair of quality.sharedFamilyEmails) {
      for (const id of pair.filter((contactId) => included.has(contactId))) {
        expect(userOfContact(id)?.loginEmail).toBeUndefined();
        expect(findingsFor('shared-email', id)).toHaveLength(1);
      }
    }
  });

  it('contacts without an email or with an invalid one: recorded without a login, with a finding', () => {
    for (const [kind, ids] of [
      ['missing-email', quality.contactsWithoutEmail],
      ['invalid-email', quality.invalidContactEmails],
    ] as const) {
      for (const id of ids.filter((contactId) => included.has(contactId))) {
        expect(userOfContact(id)?.loginEmail).toBeUndefined();
        expect(findingsFor(kind, id)).toHaveLength(1);
      }
    }
  });

  it('reports exactly the planted email problems of imported contacts, and no others', () => {
    const bothIncluded = [...quality.sharedFamilyEmails, ...quality.sameEmailDifferentPeople].filter((pair) =>
      pair.every((id) => included.has(id)),
    );
    const count = (kind: string) => state.findings.filter((f) => f.kind === kind).length;
    expect(count('shared-email')).toBe(2 * bothIncluded.length);
    expect(count('missing-email')).toBe(quality.contactsWithoutEmail.filter((id) => included.has(id)).length);
    expect(count('invalid-email')).toBe(quality.invalidContactEmails.filter((id) => included.has(id)).length);
  });

  it('unrelated people sharing an email: no silent merge', () => {
    for (const [first, second] of quality.sameEmailDifferentPeople) {
      if (!included.has(first) || !included.has(second)) continue;
      expect(userOfContact(first)).not.toBe(userOfContact(second));
      expect([userOfContact(first)?.loginEmail, userOfContact(second)?.loginEmail]).toEqual([undefined, undefined]);
    }
  });

  it('imports exactly the contacts of the default filter and counts the rest by reason', () => {
    const imported = new Set(state.users.flatMap((u) => u.isams.contactIds.map(Number)));
    expect(imported).toEqual(included);
    const excludedTotal = Object.values(state.excluded).reduce((a, b) => a + b, 0);
    expect(excludedTotal).toBe(school.contacts().length - included.size);
  });

  it('merges the two campuses\u2019 same-named years with a warning, and builds sets with members', () => {
    expect(state.findings.filter((f) => f.kind === 'merged-year-groups').length).toBeGreaterThan(0);
    expect(state.findings.filter((f) => f.kind === 'unknown-set-pupil')).toEqual([]);
    const sets = state.groups.filter((g) => g.kind === 'set');
    expect(sets.length).toBe(school.sets().sets.length);
    expect(sets.every((g) => g.memberUserKeys.some((k) => k.startsWith('student:')))).toBe(true);
    const yearMembers = state.groups.filter((g) => g.kind === 'yearGroup').flatMap((g) => g.memberUserKeys);
    expect(yearMembers.sort()).toEqual(
      state.users
        .filter((u) => u.roles.includes('student'))
        .map((u) => u.userKey)
        .sort(),
    );
  });

  const stored = state.users.map((user) => ({
    ...user,
    userId: `id-${user.userKey}`,
    contentHash: userContentHash(user),
  }));
  const complete = {
    pupils: 'complete',
    staff: 'complete',
    contacts: 'complete',
    structure: 'complete',
    teaching: 'complete',
  } as const;

  it('planned against itself it changes nothing', () => {
    const same = planChanges(stored, state, complete, state.groups);
    expect([
      same.creates.length,
      same.updates.length,
      same.deactivations.length,
      same.groupMembershipChanges.length,
    ]).toEqual([0, 0, 0, 0]);
    expect(same.unchanged).toBe(stored.length);
  });

  it('a day later it plans the leavers and joiners the simulator made, and little else', () => {
    const day = generateSchool({ seed: 42, pupils: 60 });
    const changes = day.advanceDay();
    const next = planChanges(stored, buildIncoming(normalise(day), {}), complete, state.groups);
    expect(next.counts.student.deactivated).toBe(changes.filter((c) => c.type === 'leaver').length);
    expect(next.counts.student.created).toBe(changes.filter((c) => c.type === 'joiner').length);
    expect(next.creates.length + next.updates.length + next.deactivations.length).toBeLessThan(stored.length / 4);
  });

  it('a summer roll-over updates the same pupils (no creates for those who stay) and deactivates the leavers', () => {
    const summer = generateSchool({ seed: 42, pupils: 60 });
    const [rollover] = summer.runScenario('summer-rollover').filter((c) => c.type === 'rollover');
    if (rollover?.type !== 'rollover') throw new Error('the simulator made no roll-over');
    const next = planChanges(stored, buildIncoming(normalise(summer), {}), complete, state.groups);
    expect(next.counts.student.created).toBe(rollover.joinerSchoolIds.length);
    expect(next.counts.student.deactivated).toBe(rollover.leaverSchoolIds.length);
    expect(next.counts.student.updated).toBe(rollover.movedUp);
    expect(next.updates.filter((u) => u.kind === 'student').every((u) => u.changedFields.includes('yearGroup'))).toBe(
      true,
    );
    const verdict = guardMassChange({
      plan: next,
      currentActive: { student: school.pupils().length },
      datasetSizes: {},
    });
    expect(verdict.reasons.filter((reason) => reason.includes('student users'))).toEqual([]);
  });
});
