import { firstDayOfAcademicYear } from '../calendar/school-calendar';
import type { DivisionRecord, FormRecord, HouseRecord, PupilRecord, YearRecord } from '../model/school-data';
import type { SeededRandom } from '../random/seeded-random';
import { asciiSlug, UniqueNames } from './ascii-name';
import {
  birthDateInSchoolYear,
  initialsOf,
  preferredNameOf,
  randomForename,
  randomMiddleName,
} from './person.generator';
import { CAMPUS_TWO_OFFSET, curriculumYear } from './structure.generator';

/** What a new pupil record needs from the school around it. */
export interface PupilContext {
  academicYear: number;
  domain: string;
  years: readonly YearRecord[];
  divisions: readonly DivisionRecord[];
  forms: readonly FormRecord[];
  academicHouses: readonly HouseRecord[];
  boardingHouses: readonly HouseRecord[];
  emails: UniqueNames;
  schoolIds: UniqueNames;
  userCodes: UniqueNames;
}

export interface NewPupilInput {
  id: number;
  ncYear: number;
  form: string;
  familyId: number;
  surname: string;
  schoolCode: number;
  withoutEmail: boolean;
  whitespaceMiddleName: boolean;
  lowerCaseId: boolean;
  /** set for a pupil joining mid-year: enrolled on this date */
  enrolledOn?: string;
}

/** Pupils get a school email from Year 3. */
export function hasEmailAge(ncYear: number): boolean {
  return curriculumYear(ncYear) >= 3;
}

const ENTRY_POINTS = [-1, 0, 3, 7, 12];

export function uniqueSchoolId(rng: SeededRandom, ids: UniqueNames): string {
  for (;;) {
    const candidate = rng.digits(12);
    if (!ids.has(candidate)) {
      ids.add(candidate);
      return candidate;
    }
  }
}

export function pupilEmail(
  context: PupilContext,
  forename: string,
  surname: string,
  enrolmentSchoolYear: number,
): string {
  const base = `${asciiSlug(forename) || 'pupil'}.${asciiSlug(surname) || 'pupil'}${String(enrolmentSchoolYear % 100).padStart(2, '0')}`;
  return context.emails.take(base, (suffix) => `${base}${suffix}@${context.domain}`);
}

export function newPupil(rng: SeededRandom, context: PupilContext, input: NewPupilInput): PupilRecord {
  const gender = rng.chance(0.5) ? 'F' : 'M';
  const forename = randomForename(rng, gender);
  const middleName = randomMiddleName(rng, gender, input.whitespaceMiddleName);
  const year = curriculumYear(input.ncYear);
  const joinYear = input.enrolledOn ? year : rng.pick(ENTRY_POINTS.filter((entry) => entry <= year));
  const enrolmentSchoolYear = context.academicYear - (year - joinYear);
  const enrolmentDate = input.enrolledOn ?? firstDayOfAcademicYear(enrolmentSchoolYear);
  const boarding =
    year >= 7 && input.ncYear < CAMPUS_TWO_OFFSET
      ? rng.weighted([
          ['Day', 72],
          ['Boarder', 22],
          ['Flexi-boarder', 6],
        ] as const)
      : 'Day';
  const form = context.forms.find((candidate) => candidate.name === input.form);
  const yearRecord = context.years.find((candidate) => candidate.id === input.ncYear);
  const division = context.divisions.find((candidate) => candidate.id === yearRecord?.divisionId);
  const codeBase =
    `${String(enrolmentSchoolYear % 100).padStart(2, '0')}${asciiSlug(input.surname).slice(0, 5)}${asciiSlug(forename).slice(0, 1)}`.toUpperCase();
  const userCode = context.userCodes.take(codeBase || 'PUPIL');
  return {
    id: input.id,
    lowerCaseId: input.lowerCaseId || undefined,
    personGuid: rng.guid(),
    schoolId: uniqueSchoolId(rng, context.schoolIds),
    schoolCode: String(input.schoolCode).padStart(6, '0'),
    upn: `${'ABCDEFGHJKLMNPQRTUVWXYZ'[rng.int(0, 22)]}${rng.digits(12)}`,
    userCode,
    userName: userCode.toLowerCase(),
    title: '',
    forename,
    middleName,
    surname: input.surname,
    preferredName: preferredNameOf(rng, forename),
    initials: initialsOf(forename, middleName, input.surname),
    fullName: `${forename} ${input.surname}`,
    gender,
    dob: birthDateInSchoolYear(rng, context.academicYear - year - 5),
    email:
      hasEmailAge(input.ncYear) && !input.withoutEmail
        ? pupilEmail(context, forename, input.surname, enrolmentSchoolYear)
        : '',
    ncYear: input.ncYear,
    form: input.form,
    academicHouse: context.academicHouses.length > 0 ? rng.pick(context.academicHouses).name : '',
    boardingHouse: boarding !== 'Day' && context.boardingHouses.length > 0 ? rng.pick(context.boardingHouses).name : '',
    divisionName: division?.name ?? '',
    tutorStaffId: form?.tutorStaffId ?? 0,
    pupilType: boarding,
    familyId: input.familyId,
    enrolmentDate,
    enrolmentSchoolYear,
    photoUpdated: `${enrolmentDate}T09:${String(rng.int(0, 59)).padStart(2, '0')}:00`,
  };
}
