import {
  ID_ATTRIBUTES,
  LEGACY_ATTRIBUTE,
  LEGACY_REFERENCE_FIELDS,
  SECTIONS,
  STRUCTURE_FIELDS,
  TERM_FIELDS,
} from '@isams-sync/isams';
import { curriculumYear } from '../../generate/structure.generator';
import type { HouseRecord } from '../../model/school-data';
import { close, collection, element, isamsDate, open } from '../../xml/xml-text';
import { staffById, type RenderContext, type SectionRenderer } from '../render-context';

const LEGACY = { [LEGACY_ATTRIBUTE]: 'True' };

/** The year's tutor: the tutor of its first form (the simulator keeps no year tutors of its own). */
function yearTutorId(data: RenderContext['data'], yearId: number): number | undefined {
  return data.forms.find((form) => form.yearId === yearId)?.tutorStaffId;
}

/** `Year[@Id, @TutorId]` with `NationalCurriculumYear` (Legacy), `Name`, `Code` (recorded sample School/GetAllYears). */
export function* yearsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetAllYears;
  yield* collection(
    depth,
    name,
    data.years.map(
      (year) =>
        open(depth + 1, item, { [ID_ATTRIBUTES.id]: year.id, [ID_ATTRIBUTES.tutorId]: yearTutorId(data, year.id) }) +
        element(depth + 2, STRUCTURE_FIELDS.nationalCurriculumYear, curriculumYear(year.id), LEGACY) +
        element(depth + 2, STRUCTURE_FIELDS.name, year.name) +
        element(depth + 2, STRUCTURE_FIELDS.code, year.code) +
        close(depth + 1, item),
    ),
  );
}

/** `Form[@Id=name, @TutorId, @YearId]` with Legacy `Tutor` and `NationalCurriculumYear`, then `Form` (recorded sample School/GetSchoolForms). */
export function* formsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetSchoolForms;
  const staff = staffById(data);
  yield* collection(
    depth,
    name,
    data.forms.map(
      (form) =>
        open(depth + 1, item, {
          [ID_ATTRIBUTES.id]: form.name,
          [ID_ATTRIBUTES.yearId]: form.yearId,
          [ID_ATTRIBUTES.tutorId]: form.tutorStaffId,
        }) +
        element(depth + 2, LEGACY_REFERENCE_FIELDS.formTutor, staff.get(form.tutorStaffId)?.userCode ?? '', LEGACY) +
        element(depth + 2, STRUCTURE_FIELDS.nationalCurriculumYear, curriculumYear(form.yearId), LEGACY) +
        element(depth + 2, STRUCTURE_FIELDS.formName, form.name) +
        close(depth + 1, item),
    ),
  );
}

function housesSection(
  method: 'School_GetAcademicHouses' | 'School_GetBoardingHouses',
  pick: (context: RenderContext) => readonly HouseRecord[],
): SectionRenderer {
  return function* (context, depth) {
    const [, name, item] = SECTIONS[method];
    const staff = staffById(context.data);
    yield* collection(
      depth,
      name,
      pick(context).map(
        (house) =>
          open(depth + 1, item, {
            [ID_ATTRIBUTES.id]: house.id,
            [ID_ATTRIBUTES.houseMasterId]: house.houseMasterStaffId,
          }) +
          element(depth + 2, STRUCTURE_FIELDS.name, house.name) +
          element(depth + 2, STRUCTURE_FIELDS.code, house.code) +
          element(
            depth + 2,
            LEGACY_REFERENCE_FIELDS.houseMaster,
            staff.get(house.houseMasterStaffId)?.userCode ?? '',
            LEGACY,
          ) +
          close(depth + 1, item),
      ),
    );
  };
}

export const academicHousesSection = housesSection('School_GetAcademicHouses', ({ data }) => data.academicHouses);
export const boardingHousesSection = housesSection('School_GetBoardingHouses', ({ data }) => data.boardingHouses);

/** `SchoolDivision[@Id]` with `Name`, `Code` and `Years/Year[@Id, @YearId]` (recorded sample School/GetSchoolDivisions). */
export function* divisionsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetSchoolDivisions;
  const [yearsName, yearName] = STRUCTURE_FIELDS.divisionYears;
  yield* collection(
    depth,
    name,
    data.divisions.map((division) => {
      let out =
        open(depth + 1, item, { [ID_ATTRIBUTES.id]: division.id }) +
        element(depth + 2, STRUCTURE_FIELDS.name, division.name) +
        element(depth + 2, STRUCTURE_FIELDS.code, division.code) +
        open(depth + 2, yearsName);
      for (const year of data.years.filter((candidate) => candidate.divisionId === division.id)) {
        out +=
          open(depth + 3, yearName, { [ID_ATTRIBUTES.id]: 1000 + year.id, [ID_ATTRIBUTES.yearId]: year.id }) +
          element(depth + 4, STRUCTURE_FIELDS.nationalCurriculumYear, curriculumYear(year.id), LEGACY) +
          close(depth + 3, yearName);
      }
      return out + close(depth + 2, yearsName) + close(depth + 1, item);
    }),
  );
}

export function* termsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetSchoolTerms;
  yield* collection(
    depth,
    name,
    data.terms.map(
      (term) =>
        open(depth + 1, item, { [ID_ATTRIBUTES.id]: term.id }) +
        element(depth + 2, STRUCTURE_FIELDS.name, term.name) +
        element(depth + 2, TERM_FIELDS.schoolYear, term.schoolYear) +
        element(depth + 2, TERM_FIELDS.startDate, isamsDate(term.startDate)) +
        element(depth + 2, TERM_FIELDS.finishDate, isamsDate(term.finishDate)) +
        close(depth + 1, item),
    ),
  );
}

/** `PastoralTutors/StaffMember[@Id]`, one empty element per tutor (recorded sample School/GetPastoralTutors). */
export function* pastoralTutorsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetPastoralTutors;
  const tutors = [...new Set(data.forms.map((form) => form.tutorStaffId))];
  yield* collection(
    depth,
    name,
    tutors.map((staffId) => element(depth + 1, item, '', { [ID_ATTRIBUTES.id]: staffId })),
  );
}
