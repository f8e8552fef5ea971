import type { Finding, FormRecord, HouseRecord, SetRecord, StudentRecord } from '@isams-sync/contracts';
import { compareIds, sortedIds } from './id-order';
import { staffKey, studentKey } from './user.model';
import type { MergedYearGroup } from './year-groups';

export const GROUP_KINDS = ['yearGroup', 'form', 'house', 'set'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** A SchoolsBuddy group with its members. */
export interface PlannedGroup {
  /** Stable: `yearGroup:<name>`, `form:<name>`, `house:<academic|boarding>:<name>`, `set:<Set Id>`. */
  groupKey: string;
  kind: GroupKind;
  name: string;
  /** Sorted, distinct. */
  memberUserKeys: string[];
}

export interface GroupInputs {
  yearGroups: readonly MergedYearGroup[];
  /** NC year → year group display name, for pupils whose record has no `yearGroup`. */
  nameByNcYear: ReadonlyMap<number, string>;
  forms: readonly FormRecord[];
  houses: readonly HouseRecord[];
  sets: readonly SetRecord[];
  /** Current pupils. */
  students: readonly StudentRecord[];
  /** Staff `Id`s in the staff dataset, and which of them are current (only current staff are members). */
  staffIds: ReadonlySet<string>;
  currentStaffIds: ReadonlySet<string>;
}

export const GROUP_FINDING_KINDS = {
  unknownSetPupil: 'unknown-set-pupil',
  unknownSetTeacher: 'unknown-set-teacher',
} as const;

/** The year group a pupil belongs to: its record's display name, else its NC year's. */
export function studentYearGroup(
  student: StudentRecord,
  nameByNcYear: ReadonlyMap<number, string>,
): string | undefined {
  return student.yearGroup ?? (student.ncYear === undefined ? undefined : nameByNcYear.get(student.ncYear));
}

/**
 * Year groups, forms, academic and boarding houses (pupils by the names their records carry, plus
 * the form tutor or house master) and teaching sets (teachers by StaffId, pupils by resolving the
 * set list's pupil `Id` to the pupil's SchoolId). A group a pupil names but the structure lacks is
 * still made, so nobody loses a membership because one dataset is behind the other.
 */
export function buildGroups(inputs: GroupInputs): { groups: PlannedGroup[]; findings: Finding[] } {
  const groups = new Map<string, { kind: GroupKind; name: string; members: Set<string> }>();
  const group = (groupKey: string, kind: GroupKind, name: string) => {
    let entry = groups.get(groupKey);
    if (!entry) groups.set(groupKey, (entry = { kind, name, members: new Set() }));
    return entry.members;
  };
  const staffMember = (members: Set<string>, staffId: string | undefined) => {
    if (staffId !== undefined && inputs.currentStaffIds.has(staffId)) members.add(staffKey(staffId));
  };

  for (const year of inputs.yearGroups) group(`yearGroup:${year.name}`, 'yearGroup', year.name);
  for (const form of inputs.forms) staffMember(group(`form:${form.name}`, 'form', form.name), form.tutorId);
  for (const house of inputs.houses) {
    const name = house.name ?? house.code ?? house.isamsId;
    staffMember(group(`house:${house.kind}:${name}`, 'house', name), house.houseMasterId);
  }
  for (const student of inputs.students) {
    const key = studentKey(student.isamsId);
    const yearGroup = studentYearGroup(student, inputs.nameByNcYear);
    if (yearGroup !== undefined) group(`yearGroup:${yearGroup}`, 'yearGroup', yearGroup).add(key);
    if (student.form !== undefined) group(`form:${student.form}`, 'form', student.form).add(key);
    if (student.academicHouse !== undefined)
      group(`house:academic:${student.academicHouse}`, 'house', student.academicHouse).add(key);
    if (student.boardingHouse !== undefined)
      group(`house:boarding:${student.boardingHouse}`, 'house', student.boardingHouse).add(key);
  }

  const findings = addSets(inputs, group);
  const planned = [...groups].map(([groupKey, { kind, name, members }]) => ({
    groupKey,
    kind,
    name,
    memberUserKeys: [...members].sort(),
  }));
  planned.sort((a, b) => (a.groupKey < b.groupKey ? -1 : a.groupKey > b.groupKey ? 1 : 0));
  return { groups: planned, findings };
}

function addSets(inputs: GroupInputs, group: (key: string, kind: GroupKind, name: string) => Set<string>): Finding[] {
  const schoolIdByPupilId = new Map<string, string>();
  for (const student of inputs.students)
    if (student.pupilId !== undefined) schoolIdByPupilId.set(student.pupilId, student.isamsId);
  const unknownPupils = new Map<string, string[]>();
  const unknownTeachers = new Map<string, string[]>();
  const note = (book: Map<string, string[]>, id: string, setId: string) =>
    book.set(id, [...(book.get(id) ?? []), setId]);

  for (const set of inputs.sets) {
    const members = group(`set:${set.isamsId}`, 'set', set.name ?? set.setCode ?? set.isamsId);
    for (const staffId of set.teacherIds) {
      if (inputs.currentStaffIds.has(staffId)) members.add(staffKey(staffId));
      else if (!inputs.staffIds.has(staffId) && inputs.staffIds.size > 0) note(unknownTeachers, staffId, set.isamsId);
    }
    for (const pupilId of set.pupilIds) {
      const schoolId = schoolIdByPupilId.get(pupilId);
      if (schoolId !== undefined) members.add(studentKey(schoolId));
      else if (inputs.students.length > 0) note(unknownPupils, pupilId, set.isamsId);
    }
  }
  return [
    ...[...unknownPupils]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([pupilId, setIds]) => unknownPupilFinding(pupilId, setIds)),
    ...[...unknownTeachers]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([staffId, setIds]) => unknownTeacherFinding(staffId, setIds)),
  ];
}

function unknownPupilFinding(pupilId: string, setIds: readonly string[]): Finding {
  const sets = sortedIds(setIds).join(', ');
  return {
    kind: GROUP_FINDING_KINDS.unknownSetPupil,
    severity: 'warning',
    dataset: 'teaching',
    recordRef: `set list PupilId=${pupilId} (sets ${sets})`,
    message: `the set list of set(s) ${sets} names pupil Id ${pupilId}, but no current pupil has that Id, so that place is left out of the set`,
    fix: 'In iSAMS Teaching Manager > Sets, remove the pupil from the set list if they have left; otherwise check the pupil is current in Pupil Manager.',
  };
}

function unknownTeacherFinding(staffId: string, setIds: readonly string[]): Finding {
  const sets = sortedIds(setIds).join(', ');
  return {
    kind: GROUP_FINDING_KINDS.unknownSetTeacher,
    severity: 'warning',
    dataset: 'teaching',
    recordRef: `set teacher StaffId=${staffId} (sets ${sets})`,
    message: `set(s) ${sets} name teacher StaffId ${staffId}, who is not in the current staff list, so the set has no such teacher in SchoolsBuddy`,
    fix: "In iSAMS Teaching Manager > Sets, update the set's teachers, or check the staff member is current in HR Manager.",
  };
}
