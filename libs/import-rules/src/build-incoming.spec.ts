import type { NormalisedRecord } from '@isams-sync/contracts';
import { buildIncoming } from './build-incoming';
import type { ContactFilter } from './contact-filter';
import { contact, form, staffMember, student, teachingSet, year } from './testing/record.builders';

const structure: NormalisedRecord[] = [year('7', 'Year 7'), year('8', 'Year 8'), form('7A')];
const pupils = [
  student('S1', {
    pupilId: '901',
    forename: 'Zoë',
    surname: "O'Brien",
    ncYear: 7,
    yearGroup: 'Year 7',
    form: '7A',
    email: ' Zoe.OBrien@School.example ',
  }),
  student('S2', { pupilId: '902', ncYear: 8, yearGroup: 'Year 8' }),
];

function build(records: NormalisedRecord[], contactFilter?: ContactFilter) {
  const state = buildIncoming([...structure, ...records], contactFilter ? { contactFilter } : {});
  return { ...state, user: (key: string) => state.users.find((u) => u.userKey === key) };
}

describe('buildIncoming', () => {
  it('makes a student user with a normalised login from their own email', () => {
    const { user } = build(pupils);
    expect(user('student:S1')).toEqual({
      userKey: 'student:S1',
      roles: ['student'],
      isams: { studentId: 'S1', contactIds: [] },
      forename: 'Zoë',
      surname: "O'Brien",
      email: ' Zoe.OBrien@School.example ',
      loginEmail: 'zoe.obrien@school.example',
      yearGroup: 'Year 7',
      form: '7A',
      childUserKeys: [],
      active: true,
    });
    expect(user('student:S2')?.loginEmail).toBeUndefined();
  });

  it('siblings share the parent user; a parent links to every pupil they are a contact for', () => {
    const { users } = build([
      ...pupils,
      contact('C1', ['S1', 'S2']),
      contact('C2', ['S2'], { relationType: 'Father' }),
    ]);
    expect(users.filter((u) => u.roles.includes('parent')).map((u) => [u.userKey, u.childUserKeys])).toEqual([
      ['contact:C1', ['student:S1', 'student:S2']],
      ['contact:C2', ['student:S2']],
    ]);
  });

  it('one person as two contact records with the same email and name (one per child) is one parent', () => {
    const { users, findings } = build([
      ...pupils,
      contact('C1', ['S1'], { forename: 'Siobhán', surname: 'Nguyễn', email: 'S.Nguyen@example.com' }),
      contact('C2', ['S2'], { forename: 'siobhan ', surname: 'NGUYEN', email: 's.nguyen@example.com' }),
    ]);
    const parents = users.filter((u) => u.roles.includes('parent'));
    expect(parents).toHaveLength(1);
    expect(parents[0]).toMatchObject({
      userKey: 'contact:C1',
      isams: { contactIds: ['C1', 'C2'] },
      childUserKeys: ['student:S1', 'student:S2'],
      loginEmail: 's.nguyen@example.com',
    });
    expect(findings).toEqual([]);
  });

  it('the same iSAMS PersonId on two contact records is one person', () => {
    const { users } = build([
      ...pupils,
      contact('C1', ['S1'], { personId: 'P1' }),
      contact('C2', ['S2'], { personId: 'P1', email: undefined }),
    ]);
    expect(users.filter((u) => u.roles.includes('parent')).map((u) => u.isams.contactIds)).toEqual([['C1', 'C2']]);
  });

  it('a staff member who is also a parent (same email) is one user with both roles, staff details first', () => {
    const { users, findings } = build([
      ...pupils,
      staffMember('T1', { title: 'Dr', forename: 'Zoë', surname: "O'Brien", email: 'z.obrien@school.example' }),
      contact('C1', ['S2'], { title: 'Mrs', forename: 'Zoe', surname: 'OBrien', email: ' Z.OBrien@School.example' }),
    ]);
    expect(users.map((u) => u.userKey)).toEqual(['staff:T1', 'student:S1', 'student:S2']);
    expect(users[0]).toMatchObject({
      roles: ['staff', 'parent'],
      isams: { staffId: 'T1', contactIds: ['C1'] },
      title: 'Dr',
      forename: 'Zoë',
      loginEmail: 'z.obrien@school.example',
      childUserKeys: ['student:S2'],
      active: true,
    });
    expect(findings).toEqual([]);
  });

  it('a staff email that two parents also use is three people: no merge, no login for any of them', () => {
    const { users, findings } = build([
      ...pupils,
      staffMember('T1', { email: 'home@example.com' }),
      contact('C1', ['S1'], { email: 'home@example.com' }),
      contact('C2', ['S1'], { relationType: 'Father', forename: 'James', email: 'home@example.com' }),
    ]);
    expect(
      users
        .filter((u) => u.roles.includes('staff') || u.roles.includes('parent'))
        .map((u) => [u.userKey, u.roles, u.loginEmail]),
    ).toEqual([
      ['contact:C1', ['parent'], undefined],
      ['contact:C2', ['parent'], undefined],
      ['staff:T1', ['staff'], undefined],
    ]);
    expect(findings.map((f) => f.kind)).toEqual(['shared-email', 'shared-email', 'shared-email']);
  });

  it('a family email shared by two parents: both recorded, neither gets a login, a finding each', () => {
    const { users, findings } = build([
      ...pupils,
      contact('C1', ['S1'], { forename: 'Olivia', email: 'smiths@example.com' }),
      contact('C2', ['S1'], { relationType: 'Father', forename: 'James', email: 'Smiths@Example.com' }),
    ]);
    const parents = users.filter((u) => u.roles.includes('parent'));
    expect(parents.map((u) => [u.userKey, u.loginEmail])).toEqual([
      ['contact:C1', undefined],
      ['contact:C2', undefined],
    ]);
    expect(findings.map((f) => [f.kind, f.recordRef])).toEqual([
      ['shared-email', 'contact C1'],
      ['shared-email', 'contact C2'],
    ]);
  });

  it("a pupil using a parent's email: neither gets a login", () => {
    const { user, findings } = build([
      student('S1', { email: 'mum@example.com' }),
      contact('C1', ['S1'], { email: 'MUM@example.com' }),
    ]);
    expect([user('student:S1')?.loginEmail, user('contact:C1')?.loginEmail]).toEqual([undefined, undefined]);
    expect(findings.map((f) => f.dataset).sort()).toEqual(['contacts', 'pupils']);
  });

  it('excluded contacts are counted, not reported one by one', () => {
    const { users, excluded, findings } = build([
      ...pupils,
      contact('C1', ['S1'], { relationType: 'Emergency Contact', mailMerge: false, correspondence: false }),
      contact('C2', ['S1'], { relationType: 'Parents', title: 'Mr & Mrs', forename: 'James & Olivia' }),
    ]);
    expect(users.filter((u) => u.roles.includes('parent'))).toEqual([]);
    expect(excluded['contact-type']).toBe(2);
    expect(findings).toEqual([]);
  });

  it('a "Parents" joint contact chosen by the school is one parent user', () => {
    const { user } = build(
      [...pupils, contact('C2', ['S1'], { relationType: 'Parents', forename: 'James & Olivia' })],
      {
        types: ['Mother', 'Father', 'Parents'],
        mailOptions: ['allMerges', 'correspondence'],
      },
    );
    expect(user('contact:C2')).toMatchObject({
      roles: ['parent'],
      forename: 'James & Olivia',
      childUserKeys: ['student:S1'],
    });
  });

  it('a staff member with a past leaving date is an inactive user without a login', () => {
    const { user, findings } = build([
      staffMember('T1', { status: 'left', leavingDate: '2026-07-20', email: 'x@school.example' }),
    ]);
    expect(user('staff:T1')).toMatchObject({ roles: ['staff'], active: false });
    expect(user('staff:T1')?.loginEmail).toBeUndefined();
    expect(findings).toEqual([]);
  });

  it('a leaver member of staff who is still a parent stays active as a parent, keeping their user key', () => {
    const { user } = build([
      ...pupils,
      staffMember('T1', { status: 'left', email: 'p@example.com' }),
      contact('C1', ['S1'], { email: 'p@example.com' }),
    ]);
    expect(user('staff:T1')).toMatchObject({ roles: ['parent'], active: true, loginEmail: 'p@example.com' });
  });

  it('builds groups with members and reports findings from every rule', () => {
    const { groups, findings } = build([
      ...pupils,
      year('107', 'Year 7'),
      staffMember('T1', { email: 't1@school.example' }),
      teachingSet('SET1', ['T1'], ['901', '999']),
      contact('C1', ['S1'], { email: undefined }),
    ]);
    expect(groups.find((g) => g.groupKey === 'set:SET1')?.memberUserKeys).toEqual(['staff:T1', 'student:S1']);
    expect(groups.find((g) => g.groupKey === 'yearGroup:Year 7')?.memberUserKeys).toEqual(['student:S1']);
    expect(findings.map((f) => f.kind).sort()).toEqual(['merged-year-groups', 'missing-email', 'unknown-set-pupil']);
  });

  it('is deterministic whatever the record order', () => {
    const records = [
      ...pupils,
      contact('C1', ['S1', 'S2']),
      staffMember('T1'),
      contact('C2', ['S2'], { relationType: 'Father' }),
    ];
    expect(buildIncoming([...records].reverse())).toEqual(buildIncoming(records));
  });
});
