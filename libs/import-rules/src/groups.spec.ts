import { buildGroups, type GroupInputs, type PlannedGroup } from './groups';
import { form, house, staffMember, student, teachingSet, year } from './testing/record.builders';
import { mergeYearGroups } from './year-groups';

function inputs(patch: Partial<GroupInputs> = {}): GroupInputs {
  const years = mergeYearGroups([year('5', 'Year 5'), year('105', 'Year 5'), year('6', 'Year 6')]);
  const staff = [staffMember('T1'), staffMember('T2'), staffMember('T3', { status: 'left' })];
  return {
    yearGroups: years.yearGroups,
    nameByNcYear: years.nameByNcYear,
    forms: [form('5A', { tutorId: 'T1' })],
    houses: [house('H1', 'academic', 'Nelson', { houseMasterId: 'T2' }), house('B1', 'boarding', 'School House')],
    sets: [],
    students: [
      student('S1', {
        pupilId: '901',
        yearGroup: 'Year 5',
        ncYear: 5,
        form: '5A',
        academicHouse: 'Nelson',
        boardingHouse: 'School House',
      }),
      student('S2', { pupilId: '902', ncYear: 105 }),
      student('S3', { pupilId: '903', ncYear: 6, form: '6B' }),
    ],
    staffIds: new Set(staff.map((s) => s.isamsId)),
    currentStaffIds: new Set(staff.filter((s) => s.status === 'current').map((s) => s.isamsId)),
    ...patch,
  };
}

const byKey = (groups: PlannedGroup[]) => Object.fromEntries(groups.map((g) => [g.groupKey, g.memberUserKeys]));

describe('buildGroups', () => {
  it('builds year groups by display name (campuses merged, pupils placed by NC year when their record has no year group)', () => {
    const { groups } = buildGroups(inputs());
    expect(byKey(groups)['yearGroup:Year 5']).toEqual(['student:S1', 'student:S2']);
    expect(byKey(groups)['yearGroup:Year 6']).toEqual(['student:S3']);
  });

  it('builds forms and houses with their tutor or house master, and forms pupils name but the structure lacks', () => {
    const groups = byKey(buildGroups(inputs()).groups);
    expect(groups['form:5A']).toEqual(['staff:T1', 'student:S1']);
    expect(groups['form:6B']).toEqual(['student:S3']);
    expect(groups['house:academic:Nelson']).toEqual(['staff:T2', 'student:S1']);
    expect(groups['house:boarding:School House']).toEqual(['student:S1']);
  });

  it('gives each group its kind and name', () => {
    const { groups } = buildGroups(inputs());
    expect(groups.find((g) => g.groupKey === 'house:boarding:School House')).toMatchObject({
      kind: 'house',
      name: 'School House',
    });
    expect(groups.map((g) => g.groupKey)).toEqual([...groups.map((g) => g.groupKey)].sort());
  });

  it.each([
    [
      'teachers by StaffId and pupils by their Id resolved to SchoolId',
      teachingSet('SET1', ['T1'], ['901', '903']),
      ['staff:T1', 'student:S1', 'student:S3'],
      [],
    ],
    [
      'a leaver teacher is left out without a finding',
      teachingSet('SET1', ['T3', 'T2'], ['902']),
      ['staff:T2', 'student:S2'],
      [],
    ],
    [
      'an unknown pupil Id is a finding',
      teachingSet('SET1', ['T1'], ['901', '999']),
      ['staff:T1', 'student:S1'],
      ['unknown-set-pupil'],
    ],
    ['an unknown teacher is a finding', teachingSet('SET1', ['T9'], []), [], ['unknown-set-teacher']],
  ])('sets: %s', (_case, set, members, findingKinds) => {
    const { groups, findings } = buildGroups(inputs({ sets: [set] }));
    expect(byKey(groups)['set:SET1']).toEqual(members);
    expect(findings.map((f) => f.kind)).toEqual(findingKinds);
  });

  it('names the set and pupil in an unknown-pupil finding, once per pupil across sets', () => {
    const { findings } = buildGroups(inputs({ sets: [teachingSet('A', [], ['999']), teachingSet('B', [], ['999'])] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      dataset: 'teaching',
      severity: 'warning',
      recordRef: 'set list PupilId=999 (sets A, B)',
    });
    expect(findings[0].fix).toContain('Teaching Manager');
  });

  it('does not report every set pupil when there are no pupils at all (pupils dataset missing)', () => {
    const { findings } = buildGroups(inputs({ students: [], sets: [teachingSet('A', [], ['901'])] }));
    expect(findings).toEqual([]);
  });

  it('names a set by name, then code, then id', () => {
    const { groups } = buildGroups(
      inputs({
        sets: [
          teachingSet('1', [], [], { name: 'Maths 7x1', setCode: '7x1' }),
          teachingSet('2', [], [], { setCode: '7y1' }),
          teachingSet('3', [], []),
        ],
      }),
    );
    expect(groups.filter((g) => g.kind === 'set').map((g) => g.name)).toEqual(['Maths 7x1', '7y1', '3']);
  });
});
