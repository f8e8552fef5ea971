import { ID_ATTRIBUTES, LEGACY_ATTRIBUTE, LEGACY_REFERENCE_FIELDS, PASTORAL_TUTOR_FIELDS, SECTIONS, STRUCTURE_FIELDS, TERM_FIELDS } from '@isams-sync/isams';
import type { HouseRecord } from '../../model/school-data';
import { close, collection, element, isamsDate, open } from '../../xml/xml-text';
import { staffById, type RenderContext, type SectionRenderer } from '../render-context';

const LEGACY = { [LEGACY_ATTRIBUTE]: 'True' };

export function* yearsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetAllYears;
  yield* collection(depth, name, data.years.map((year) =>
    open(depth + 1, item, { [ID_ATTRIBUTES.id]: year.id }) +
    element(depth + 2, STRUCTURE_FIELDS.name, year.name) +
    element(depth + 2, STRUCTURE_FIELDS.code, year.code) +
    close(depth + 1, item),
  ));
}

export function* formsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetSchoolForms;
  const staff = staffById(data);
  yield* collection(depth, name, data.forms.map((form) =>
    open(depth + 1, item, { [ID_ATTRIBUTES.id]: form.name, [ID_ATTRIBUTES.yearId]: form.yearId, [ID_ATTRIBUTES.tutorId]: form.tutorStaffId }) +
    element(depth + 2, STRUCTURE_FIELDS.formName, form.name) +
    element(depth + 2, LEGACY_REFERENCE_FIELDS.formTutor, staff.get(form.tutorStaffId)?.userCode ?? '', LEGACY) +
    close(depth + 1, item),
  ));
}

function housesSection(method: 'School_GetAcademicHouses' | 'School_GetBoardingHouses', pick: (context: RenderContext) => readonly HouseRecord[]): SectionRenderer {
  return function* (context, depth) {
    const [, name, item] = SECTIONS[method];
    const staff = staffById(context.data);
    yield* collection(depth, name, pick(context).map((house) =>
      open(depth + 1, item, { [ID_ATTRIBUTES.id]: house.id, [ID_ATTRIBUTES.houseMasterId]: house.houseMasterStaffId }) +
      element(depth + 2, STRUCTURE_FIELDS.name, house.name) +
      element(depth + 2, STRUCTURE_FIELDS.code, house.code) +
      element(depth + 2, LEGACY_REFERENCE_FIELDS.houseMaster, staff.get(house.houseMasterStaffId)?.userCode ?? '', LEGACY) +
      close(depth + 1, item),
    ));
  };
}

export const academicHousesSection = housesSection('School_GetAcademicHouses', ({ data }) => data.academicHouses);
export const boardingHousesSection = housesSection('School_GetBoardingHouses', ({ data }) => data.boardingHouses);

export function* divisionsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetSchoolDivisions;
  yield* collection(depth, name, data.divisions.map((division) =>
    open(depth + 1, item, { [ID_ATTRIBUTES.id]: division.id }) +
    element(depth + 2, STRUCTURE_FIELDS.name, division.name) +
    element(depth + 2, STRUCTURE_FIELDS.code, division.code) +
    close(depth + 1, item),
  ));
}

export function* termsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetSchoolTerms;
  yield* collection(depth, name, data.terms.map((term) =>
    open(depth + 1, item, { [ID_ATTRIBUTES.id]: term.id }) +
    element(depth + 2, STRUCTURE_FIELDS.name, term.name) +
    element(depth + 2, TERM_FIELDS.schoolYear, term.schoolYear) +
    element(depth + 2, TERM_FIELDS.startDate, isamsDate(term.startDate)) +
    element(depth + 2, TERM_FIELDS.finishDate, isamsDate(term.finishDate)) +
    close(depth + 1, item),
  ));
}

export function* pastoralTutorsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.School_GetPastoralTutors;
  yield* collection(depth, name, data.forms.map((form) =>
    open(depth + 1, item, { [ID_ATTRIBUTES.staffId]: form.tutorStaffId }) +
    element(depth + 2, PASTORAL_TUTOR_FIELDS.form, form.name) +
    element(depth + 2, PASTORAL_TUTOR_FIELDS.yearId, form.yearId) +
    close(depth + 1, item),
  ));
}
