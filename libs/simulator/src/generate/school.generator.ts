import { academicYearOf, FIRST_SCHOOL_DAY } from '../calendar/school-calendar';
import { casesFor, resolveDataQuality, type DataQualityRates } from '../model/data-quality-rates';
import type {
  ApplicantRecord,
  ContactPupilLink,
  SimulatedContact,
  NextIds,
  PupilRecord,
  SchoolData,
  SimulatedStaffMember,
} from '../model/school-data';
import { PUPIL_STATUS } from '../model/school-data';
import { SeededRandom } from '../random/seeded-random';
import { asciiSlug, UniqueNames } from './ascii-name';
import { applyContactQuality, type QualityCases } from './contact-quality';
import { ContactFactory } from './contacts.generator';
import { buildMedical } from './medical.generator';
import { ACADEMIC_HOUSES, BOARDING_HOUSES, SURNAMES } from './name-pools';
import { birthDateInSchoolYear, randomForename } from './person.generator';
import { hasEmailAge, newPupil, uniqueSchoolId, type PupilContext } from './pupils.generator';
import { ABSENCE_CODES, PRESENT_CODES } from './registration-codes';
import { newStaffMember, staffCounts, withLeavingDates } from './staff.generator';
import {
  buildDivisions,
  buildForms,
  buildHouses,
  buildTerms,
  buildYears,
  formNameFor,
  formsNeeded,
  pupilsPerYear,
} from './structure.generator';
import { buildDepartments, buildSetsAndLists } from './teaching.generator';

export interface GenerateSchoolOptions {
  seed: number;
  pupils: number;
  medical?: boolean;
  dataQuality?: Partial<DataQualityRates>;
}

export interface GeneratedSchool {
  data: SchoolData;
  quality: QualityCases;
  rates: DataQualityRates;
}

export const MAX_PUPILS = 100_000;

const SCHOOL_NAMES = [
  "St Aldhelm's College",
  'Hartfield School',
  'Kingsmead Hall',
  'Broadwater Grammar',
  "Queen Anne's School",
  'Ashcombe Park School',
  'Holmwood House',
  'Sandford Abbey',
  'Eversleigh College',
  'Thornbury Manor',
] as const;

/** Counters for new ids, shared by generation and by the days that follow. */
export class IdCounters {
  constructor(private readonly ids: NextIds) {}
  next(kind: keyof NextIds): number {
    return this.ids[kind]++;
  }
  snapshot(): NextIds {
    return { ...this.ids };
  }
}

export function validateGenerateOptions(options: GenerateSchoolOptions): void {
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  if (!Number.isInteger(options.pupils) || options.pupils < 0 || options.pupils > MAX_PUPILS) {
    throw new RangeError(`pupils must be an integer from 0 to ${MAX_PUPILS}, got ${options.pupils}`);
  }
}

/** One whole school from a seed and a size: same inputs, same school, byte for byte. */
export function generateSchoolData(options: GenerateSchoolOptions): GeneratedSchool {
  validateGenerateOptions(options);
  const { seed } = options;
  const rates = resolveDataQuality(options.dataQuality);
  const stream = (label: string) => SeededRandom.derive(seed, label);
  const ids = new IdCounters({
    pupil: 1001,
    person: 20_001,
    contact: 40_001,
    staff: 101,
    family: 7001,
    set: 5001,
    setList: 900_001,
    medical: 301,
    schoolCode: 1,
  });
  const today = FIRST_SCHOOL_DAY;
  const academicYear = academicYearOf(today);

  const schoolRng = stream('school');
  const name = schoolRng.pick(SCHOOL_NAMES);
  const domain = `${asciiSlug(name).replace(/school|college|hall|grammar/g, '') || 'school'}.sch.example`;

  const years = buildYears(rates.campusYearNames);
  const divisions = buildDivisions(rates.campusYearNames !== 'none');
  const countsByYear = pupilsPerYear(years, options.pupils);

  const staffRng = stream('staff');
  const staffIdentity = { emails: new UniqueNames(), userCodes: new UniqueNames(), domain };
  const { teaching, support } = staffCounts(options.pupils);
  const staffWhitespace = new Set(
    staffRng.sample([...Array(teaching + support).keys()], casesFor(rates.whitespaceOnlyValue, teaching + support)),
  );
  const staffLowerCase = new Set(
    staffRng.sample([...Array(teaching + support).keys()], casesFor(rates.lowerCaseId, teaching + support)),
  );
  let staff: SimulatedStaffMember[] = [...Array(teaching + support).keys()].map((index) => ({
    ...newStaffMember(staffRng, staffIdentity, {
      id: ids.next('staff'),
      personId: ids.next('person'),
      teaching: index < teaching,
      divisionIds: staffRng
        .sample(
          divisions.map((division) => division.id),
          staffRng.int(1, 2),
        )
        .sort((a, b) => a - b),
      whitespaceMiddleName: staffWhitespace.has(index),
    }),
    lowerCaseId: staffLowerCase.has(index) || undefined,
  }));
  staff = withLeavingDates(staffRng, staff, casesFor(0.03, staff.length), today);
  const tutors = staffRng.shuffled(staff.filter((member) => member.teaching && member.leavingDate === ''));
  let tutorTurn = 0;
  const forms = buildForms(countsByYear, () => tutors[tutorTurn++ % tutors.length].id);
  const academicHouses = buildHouses(
    ACADEMIC_HOUSES.slice(0, options.pupils < 200 ? 4 : 6),
    1,
    (index) => tutors[(index * 3) % tutors.length].id,
  );
  const boardingHouses = buildHouses(
    BOARDING_HOUSES.slice(0, options.pupils < 500 ? 3 : 5),
    11,
    (index) => tutors[(index * 5 + 1) % tutors.length].id,
  );

  const pupilRng = stream('pupils');
  const context: PupilContext = {
    academicYear,
    domain,
    years,
    divisions,
    forms,
    academicHouses,
    boardingHouses,
    emails: new UniqueNames(staff.map((member) => member.email)),
    schoolIds: new UniqueNames(),
    userCodes: new UniqueNames(),
  };
  const slots = pupilRng.shuffled(
    [...countsByYear].flatMap(([yearId, count]) =>
      [...Array(count).keys()].map((index) => ({ yearId, form: formNameFor(yearId, index % formsNeeded(count)) })),
    ),
  );
  const eligible = slots.map((slot, index) => (hasEmailAge(slot.yearId) ? index : -1)).filter((index) => index >= 0);
  const withoutEmail = new Set(pupilRng.sample(eligible, casesFor(rates.pupilWithoutEmail, eligible.length)));
  const whitespaceMiddle = new Set(
    pupilRng.sample([...slots.keys()], casesFor(rates.whitespaceOnlyValue, slots.length)),
  );
  const lowerCaseIds = new Set(pupilRng.sample([...slots.keys()], casesFor(rates.lowerCaseId, slots.length)));

  const pupils: PupilRecord[] = [];
  const families: { familyId: number; surname: string; children: PupilRecord[] }[] = [];
  for (let index = 0; index < slots.length;) {
    const size = Math.min(
      slots.length - index,
      pupilRng.weighted([
        [1, 60],
        [2, 30],
        [3, 10],
      ] as const),
    );
    const family = { familyId: ids.next('family'), surname: pupilRng.pick(SURNAMES), children: [] as PupilRecord[] };
    for (let n = 0; n < size; n++, index++) {
      const pupil = newPupil(pupilRng, context, {
        id: ids.next('pupil'),
        ncYear: slots[index].yearId,
        form: slots[index].form,
        familyId: family.familyId,
        surname: family.surname,
        schoolCode: ids.next('schoolCode'),
        withoutEmail: withoutEmail.has(index),
        whitespaceMiddleName: whitespaceMiddle.has(index),
        lowerCaseId: lowerCaseIds.has(index),
      });
      pupils.push(pupil);
      family.children.push(pupil);
    }
    families.push(family);
  }

  const applicantRng = stream('applicants');
  const applicants: ApplicantRecord[] = [];
  const applicantsByFamily = new Map<number, ApplicantRecord[]>();
  for (let n = 0; n < casesFor(0.03, pupils.length); n++) {
    const sibling = families.length > 0 && applicantRng.chance(0.5) ? applicantRng.pick(families) : undefined;
    const gender = applicantRng.chance(0.5) ? 'F' : 'M';
    const ncYear = applicantRng.pick([0, 3, 7, 12]);
    const applicant: ApplicantRecord = {
      id: ids.next('pupil'),
      personGuid: applicantRng.guid(),
      schoolId: uniqueSchoolId(applicantRng, context.schoolIds),
      forename: randomForename(applicantRng, gender),
      surname: sibling?.surname ?? applicantRng.pick(SURNAMES),
      gender,
      dob: birthDateInSchoolYear(applicantRng, academicYear + 1 - ncYear - 5),
      ncYear,
      familyId: sibling?.familyId ?? ids.next('family'),
      enrolmentSchoolYear: academicYear + 1,
    };
    applicants.push(applicant);
    applicantsByFamily.set(applicant.familyId, [...(applicantsByFamily.get(applicant.familyId) ?? []), applicant]);
  }

  const contactRng = stream('contacts');
  const factory = new ContactFactory(
    contactRng,
    { nextContactId: () => ids.next('contact'), nextPersonId: () => ids.next('person') },
    context.emails,
  );
  const familyInputs = [
    ...families.map((family) => ({ familyId: family.familyId, surname: family.surname, children: family.children })),
    ...[...applicantsByFamily.keys()]
      .filter((familyId) => !families.some((family) => family.familyId === familyId))
      .map((familyId) => ({
        familyId,
        surname: (applicantsByFamily.get(familyId) as ApplicantRecord[])[0].surname,
        children: [] as PupilRecord[],
      })),
  ];
  const whitespacePhones = new Set(
    contactRng.sample([...familyInputs.keys()], casesFor(rates.whitespaceOnlyValue, familyInputs.length)),
  );
  let contacts: SimulatedContact[] = familyInputs.flatMap((family, index) => {
    const links: ContactPupilLink[] = [
      ...family.children.map((pupil) => ({
        pupilId: pupil.id,
        schoolId: pupil.schoolId,
        status: PUPIL_STATUS.current,
      })),
      ...(applicantsByFamily.get(family.familyId) ?? []).map((applicant) => ({
        pupilId: applicant.id,
        schoolId: applicant.schoolId,
        status: PUPIL_STATUS.applicant,
      })),
    ];
    return factory.family({
      surname: family.surname,
      links,
      boarding: family.children.some((pupil) => pupil.boardingHouse !== ''),
      whitespaceTelephone: whitespacePhones.has(index),
    });
  });
  const contactLowerCase = new Set(
    contactRng.sample(
      contacts.map((contact) => contact.id),
      casesFor(rates.lowerCaseId, contacts.length),
    ),
  );
  contacts = contacts.map((contact) =>
    contactLowerCase.has(contact.id) ? { ...contact, lowerCaseId: true } : contact,
  );
  const quality = applyContactQuality(stream('contact-quality'), contacts, staff, rates);

  const departments = buildDepartments();
  const teachingIds = { nextSet: () => ids.next('set'), nextSetList: () => ids.next('setList') };
  const { sets, setLists } = buildSetsAndLists(
    stream('teaching'),
    pupils,
    staff,
    departments,
    teachingIds,
    rates.lowerCaseId,
  );
  const medical = options.medical ? buildMedical(stream('medical'), pupils, () => ids.next('medical')) : null;

  const data: SchoolData = {
    seed,
    name,
    today,
    dayNumber: 0,
    academicYear,
    emailDomain: domain,
    years,
    forms,
    academicHouses,
    boardingHouses,
    divisions,
    terms: buildTerms(academicYear),
    staff,
    pupils,
    applicants,
    contacts: quality.contacts,
    departments,
    sets,
    setLists,
    medical,
    absenceCodes: ABSENCE_CODES,
    presentCodes: PRESENT_CODES,
    registerVersions: {},
    pupilsFeed: 'complete',
    duplicateRegisterRowRate: rates.duplicateRegisterRow,
    lowerCaseIdRate: rates.lowerCaseId,
    nextIds: ids.snapshot(),
  };
  return {
    data,
    rates,
    quality: {
      ...quality.cases,
      pupilsWithoutEmail: pupils
        .filter((pupil) => hasEmailAge(pupil.ncYear) && pupil.email === '')
        .map((pupil) => pupil.schoolId),
    },
  };
}

/** Helpers the day-to-day changes reuse to make new people consistent with generation. */
export function pupilContextFor(data: SchoolData): PupilContext {
  return {
    academicYear: data.academicYear,
    domain: data.emailDomain,
    years: data.years,
    divisions: data.divisions,
    forms: data.forms,
    academicHouses: data.academicHouses,
    boardingHouses: data.boardingHouses,
    emails: new UniqueNames(
      [
        ...data.staff.map((member) => member.email),
        ...data.pupils.map((pupil) => pupil.email),
        ...data.contacts.map((contact) => contact.email),
      ].filter((email) => email !== ''),
    ),
    schoolIds: new UniqueNames([
      ...data.pupils.map((pupil) => pupil.schoolId),
      ...data.applicants.map((applicant) => applicant.schoolId),
    ]),
    userCodes: new UniqueNames([
      ...data.pupils.map((pupil) => pupil.userCode),
      ...data.staff.map((member) => member.userCode),
    ]),
  };
}
