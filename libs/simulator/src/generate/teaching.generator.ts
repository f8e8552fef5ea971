import type {
  DepartmentRecord,
  PupilRecord,
  SetListRecord,
  SetRecord,
  SimulatedStaffMember,
  SubjectRecord,
} from '../model/school-data';
import type { SeededRandom } from '../random/seeded-random';
import { DEPARTMENTS } from './name-pools';
import { CAMPUS_TWO_OFFSET, curriculumYear } from './structure.generator';

export function buildDepartments(): DepartmentRecord[] {
  let subjectId = 1;
  return DEPARTMENTS.map(([name, code, subjects], index) => ({
    id: index + 1,
    name,
    code,
    subjects: subjects.map(([subjectName, subjectCode]) => ({ id: subjectId++, name: subjectName, code: subjectCode })),
  }));
}

/** Which department a teacher belongs to: fixed by staff id, so it needs no storage. */
export function departmentOfTeacher(staffId: number, departments: readonly DepartmentRecord[]): DepartmentRecord {
  return departments[staffId % departments.length];
}

const PREP_SUBJECTS = new Set(['Ma', 'En']);
const LOWER_SCHOOL_EXCLUDED = new Set(['FMa', 'Ec', 'Bu', 'Gk', 'EnL']);
const GCSE_CORE = new Set(['En', 'Ma', 'Bi', 'Ch', 'Ph']);
const GCSE_OPTIONS = ['Fr', 'Sp', 'Ge', 'Mn', 'Hi', 'Gg', 'RS', 'La', 'Gk', 'Ar', 'Mu', 'DT', 'Cs', 'Dr', 'PE'];
const A_LEVELS = [
  'Ma',
  'FMa',
  'Bi',
  'Ch',
  'Ph',
  'EnL',
  'Hi',
  'Gg',
  'Ec',
  'Bu',
  'Fr',
  'Sp',
  'Ar',
  'Cs',
  'La',
  'Mu',
  'RS',
  'Dr',
];
const SET_SIZE = 22;

export function yearLabel(yearId: number): string {
  if (yearId === 12) return 'L6';
  if (yearId === 13) return 'U6';
  if (yearId > CAMPUS_TWO_OFFSET) return `${curriculumYear(yearId)}JC`;
  return String(yearId);
}

/** The subjects a pupil in `yearId` studies (options chosen by `rng`). */
export function subjectsFor(rng: SeededRandom, yearId: number, subjects: readonly SubjectRecord[]): SubjectRecord[] {
  const year = curriculumYear(yearId);
  if (year < 3) return [];
  if (year <= 6) return subjects.filter((subject) => PREP_SUBJECTS.has(subject.code));
  if (year <= 9) return subjects.filter((subject) => !LOWER_SCHOOL_EXCLUDED.has(subject.code));
  if (year <= 11) {
    const options = new Set(rng.sample(GCSE_OPTIONS, 4));
    return subjects.filter((subject) => GCSE_CORE.has(subject.code) || options.has(subject.code));
  }
  const chosen = new Set(rng.sample(A_LEVELS, rng.chance(0.3) ? 4 : 3));
  return subjects.filter((subject) => chosen.has(subject.code));
}

export interface TeachingIds {
  nextSet(): number;
  nextSetList(): number;
}

/** Sets for every (year, subject) that has pupils, and the set lists that put each pupil in one set per subject. */
export function buildSetsAndLists(
  rng: SeededRandom,
  pupils: readonly PupilRecord[],
  staff: readonly SimulatedStaffMember[],
  departments: readonly DepartmentRecord[],
  ids: TeachingIds,
  lowerCaseIdRate: number,
): { sets: SetRecord[]; setLists: SetListRecord[] } {
  const subjects = departments.flatMap((department) => department.subjects);
  const teachers = staff.filter((member) => member.teaching && member.leavingDate === '');
  const takers = new Map<string, PupilRecord[]>();
  for (const pupil of pupils) {
    for (const subject of subjectsFor(rng, pupil.ncYear, subjects)) {
      const key = `${pupil.ncYear}|${subject.id}`;
      const list = takers.get(key);
      if (list) list.push(pupil);
      else takers.set(key, [pupil]);
    }
  }
  const sets: SetRecord[] = [];
  const setLists: SetListRecord[] = [];
  const keys = [...takers.keys()].sort((a, b) => {
    const [ya, sa] = a.split('|').map(Number);
    const [yb, sb] = b.split('|').map(Number);
    return ya - yb || sa - sb;
  });
  for (const key of keys) {
    const [yearId, subjectId] = key.split('|').map(Number);
    const subject = subjects.find((candidate) => candidate.id === subjectId) as SubjectRecord;
    const department = departments.find((candidate) =>
      candidate.subjects.some((s) => s.id === subjectId),
    ) as DepartmentRecord;
    const members = rng.shuffled(takers.get(key) ?? []);
    const count = Math.max(1, Math.ceil(members.length / SET_SIZE));
    const ownTeachers = teachers.filter((teacher) => departmentOfTeacher(teacher.id, departments).id === department.id);
    const pool = ownTeachers.length > 0 ? ownTeachers : teachers;
    const block = GCSE_CORE.has(subject.code) || curriculumYear(yearId) < 10 ? '' : 'ABCDEF'[rng.int(0, 5)];
    for (let n = 1; n <= count; n++) {
      const primary = rng.pick(pool);
      const second = rng.chance(0.15) ? rng.pick(pool) : undefined;
      const set: SetRecord = {
        id: ids.nextSet(),
        subjectId,
        yearId,
        setCode: `${yearLabel(yearId)}${subject.code}${count > 1 ? n : ''}`,
        name: `${yearLabel(yearId)} ${subject.name}${count > 1 ? ` Set ${n}` : ''}`,
        setNumber: n,
        block,
        teachers:
          second && second.id !== primary.id
            ? [
                { staffId: primary.id, primary: true },
                { staffId: second.id, primary: false },
              ]
            : [{ staffId: primary.id, primary: true }],
      };
      sets.push(set);
      for (let index = n - 1; index < members.length; index += count) {
        const pupil = members[index];
        setLists.push({
          id: ids.nextSetList(),
          setId: set.id,
          pupilId: pupil.id,
          schoolId: pupil.schoolId,
          lowerCaseId: rng.chance(lowerCaseIdRate) || undefined,
        });
      }
    }
  }
  return { sets, setLists };
}

/** A mid-year joiner goes into one existing set per subject of their year. */
export function setListsForJoiner(
  rng: SeededRandom,
  pupil: PupilRecord,
  sets: readonly SetRecord[],
  ids: TeachingIds,
): SetListRecord[] {
  const bySubject = new Map<number, SetRecord[]>();
  for (const set of sets.filter((candidate) => candidate.yearId === pupil.ncYear)) {
    bySubject.set(set.subjectId, [...(bySubject.get(set.subjectId) ?? []), set]);
  }
  return [...bySubject.values()]
    .filter(
      (choices) => curriculumYear(pupil.ncYear) < 10 || rng.chance(0.6) || choices.some((set) => set.block === ''),
    )
    .map((choices) => ({
      id: ids.nextSetList(),
      setId: rng.pick(choices).id,
      pupilId: pupil.id,
      schoolId: pupil.schoolId,
    }));
}
