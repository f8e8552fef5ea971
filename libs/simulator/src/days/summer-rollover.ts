import { academicYearOf } from '../calendar/school-calendar';
import { newPupil } from '../generate/pupils.generator';
import {
  buildForms,
  buildTerms,
  CAMPUS_TWO_OFFSET,
  formNameFor,
  formsNeeded,
  NURSERY,
  pupilsPerYear,
} from '../generate/structure.generator';
import { buildSetsAndLists } from '../generate/teaching.generator';
import type { NewChange } from '../model/school-change';
import type { PupilRecord, SchoolData } from '../model/school-data';
import { PUPIL_STATUS } from '../model/school-data';
import type { SeededRandom } from '../random/seeded-random';
import { SchoolDraft } from './school-draft';

/** The year a pupil moves into in September; undefined for Year 13, who leave. */
export function nextYearId(yearId: number): number | undefined {
  if (yearId === 13) return undefined;
  if (yearId === CAMPUS_TWO_OFFSET + 6) return 7; // the junior campus feeds the senior school
  return yearId + 1;
}

/** Years that take a new intake in September. */
const ENTRY_YEARS = [NURSERY, 7, 12, CAMPUS_TWO_OFFSET + 1];

/**
 * The summer roll-over: Year 13 leave, everyone else moves up a year into the matching form of the
 * new year, applicants for September join with their SchoolIds, new intakes fill the entry years,
 * and the new academic year gets its own terms, forms, sets and set lists.
 * `data.today` must already be the first day of the new academic year.
 */
export function applySummerRollover(data: SchoolData, rng: SeededRandom): { data: SchoolData; changes: NewChange[] } {
  const fromYear = data.academicYear;
  const toYear = academicYearOf(data.today);
  const schoolSize = data.pupils.length;
  const draft = new SchoolDraft(
    { ...data, academicYear: toYear, terms: buildTerms(toYear), registerVersions: {} },
    rng,
    data.today,
  );

  draft.removePupils(
    draft.data.pupils.filter(
      (pupil) =>
        nextYearId(pupil.ncYear) === undefined ||
        !draft.data.years.some((year) => year.id === nextYearId(pupil.ncYear)),
    ),
  );
  const leaverSchoolIds = draft.changes
    .filter((change) => change.type === 'leaver')
    .map((change) => (change as { schoolId: string }).schoolId);

  const oldFormIndex = (pupil: PupilRecord) => {
    const sameYear = data.forms.filter((form) => form.yearId === pupil.ncYear);
    return Math.max(
      0,
      sameYear.findIndex((form) => form.name === pupil.form),
    );
  };
  const movers = draft.data.pupils.map((pupil) => ({
    pupil,
    yearId: nextYearId(pupil.ncYear) as number,
    formIndex: oldFormIndex(pupil),
  }));
  const arriving = draft.data.applicants.filter(
    (applicant) =>
      applicant.enrolmentSchoolYear === toYear && draft.data.years.some((year) => year.id === applicant.ncYear),
  );

  const counts = new Map<number, number>(draft.data.years.map((year) => [year.id, 0]));
  for (const mover of movers) counts.set(mover.yearId, (counts.get(mover.yearId) ?? 0) + 1);
  for (const applicant of arriving) counts.set(applicant.ncYear, (counts.get(applicant.ncYear) ?? 0) + 1);
  const targets = pupilsPerYear(draft.data.years, schoolSize);
  const intake = new Map<number, number>();
  for (const yearId of ENTRY_YEARS.filter((id) => counts.has(id))) {
    const gap = Math.max(0, (targets.get(yearId) ?? 0) - (counts.get(yearId) ?? 0));
    intake.set(yearId, gap);
    counts.set(yearId, (counts.get(yearId) ?? 0) + gap);
  }

  const tutors = rng.shuffled(draft.data.staff.filter((member) => member.teaching && member.leavingDate === ''));
  let turn = 0;
  draft.data.forms = buildForms(counts, () => tutors[turn++ % tutors.length].id);
  const formFor = (yearId: number, index: number) => {
    const name = formNameFor(yearId, index % formsNeeded(counts.get(yearId) ?? 0));
    return draft.data.forms.find((form) => form.name === name && form.yearId === yearId) ?? draft.data.forms[0];
  };
  const divisionName = (yearId: number) => {
    const divisionId = draft.data.years.find((year) => year.id === yearId)?.divisionId;
    return draft.data.divisions.find((division) => division.id === divisionId)?.name ?? '';
  };

  draft.data.pupils = movers.map(({ pupil, yearId, formIndex }) => {
    const form = formFor(yearId, formIndex);
    return {
      ...pupil,
      ncYear: yearId,
      form: form.name,
      tutorStaffId: form.tutorStaffId,
      divisionName: divisionName(yearId),
    };
  });
  const movedUp = draft.data.pupils.length;

  const joinerSchoolIds: string[] = [];
  arriving.forEach((applicant, index) => {
    const form = formFor(applicant.ncYear, index);
    const generated = newPupil(
      rng,
      { ...draft.context, forms: draft.data.forms },
      {
        id: applicant.id,
        ncYear: applicant.ncYear,
        form: form.name,
        familyId: applicant.familyId,
        surname: applicant.surname,
        schoolCode: draft.ids.next('schoolCode'),
        withoutEmail: false,
        whitespaceMiddleName: false,
        lowerCaseId: false,
        enrolledOn: draft.day,
      },
    );
    const pupil: PupilRecord = {
      ...generated,
      personGuid: applicant.personGuid,
      schoolId: applicant.schoolId,
      forename: applicant.forename,
      preferredName: applicant.forename,
      fullName: `${applicant.forename} ${applicant.surname}`,
      initials: `${applicant.forename[0]}${applicant.surname[0]}`.toUpperCase(),
      gender: applicant.gender,
      dob: applicant.dob,
    };
    draft.data.pupils.push(pupil);
    draft.data.contacts = draft.data.contacts.map((contact) =>
      contact.pupils.some((link) => link.pupilId === applicant.id)
        ? {
            ...contact,
            pupils: contact.pupils.map((link) =>
              link.pupilId === applicant.id ? { ...link, status: PUPIL_STATUS.current } : link,
            ),
          }
        : contact,
    );
    joinerSchoolIds.push(pupil.schoolId);
    draft.record({
      type: 'joiner',
      day: draft.day,
      schoolId: pupil.schoolId,
      pupilId: pupil.id,
      ncYear: pupil.ncYear,
      form: pupil.form,
      familyId: pupil.familyId,
    });
  });
  const arrivedIds = new Set(arriving.map((applicant) => applicant.id));
  draft.data.applicants = draft.data.applicants.filter((applicant) => !arrivedIds.has(applicant.id));

  for (const [yearId, count] of intake) {
    for (let n = 0; n < count; n++) {
      joinerSchoolIds.push(draft.addPupil(yearId, formFor(yearId, n).name, rng.chance(0.2)).schoolId);
    }
  }

  const teaching = buildSetsAndLists(
    rng,
    draft.data.pupils,
    draft.data.staff,
    draft.data.departments,
    { nextSet: () => draft.ids.next('set'), nextSetList: () => draft.ids.next('setList') },
    data.lowerCaseIdRate,
  );
  draft.data.sets = teaching.sets;
  draft.data.setLists = teaching.setLists;

  draft.changes.unshift({
    type: 'rollover',
    day: draft.day,
    fromAcademicYear: fromYear,
    toAcademicYear: toYear,
    movedUp,
    leaverSchoolIds,
    joinerSchoolIds,
  });
  return draft.finish();
}
