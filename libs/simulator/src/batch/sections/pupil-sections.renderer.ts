import { ID_ATTRIBUTES, PHOTO_FIELDS, PUPIL_FIELDS, SECTIONS, SIBLING_FIELDS } from '@isams-sync/isams';
import { curriculumYear, CAMPUS_TWO_OFFSET } from '../../generate/structure.generator';
import type { PupilRecord, SchoolData } from '../../model/school-data';
import { avatarJpeg } from '../../photos/avatar-photo';
import { close, collection, element, isamsDate, open } from '../../xml/xml-text';
import { idAttribute, staffById, UNKNOWN_NAMES, type RenderContext } from '../render-context';

const [, CURRENT_PUPILS, PUPIL] = SECTIONS.Pupil_GetCurrentPupils;

function pupilRecord(data: SchoolData, pupil: PupilRecord, depth: number): string {
  const tutor = staffById(data).get(pupil.tutorStaffId);
  const d = depth + 1;
  return open(depth, PUPIL, { ...idAttribute(pupil, pupil.id), [ID_ATTRIBUTES.personGuid]: pupil.personGuid, [UNKNOWN_NAMES.rowVersionAttribute]: `0x${(pupil.id * 7919).toString(16).padStart(16, '0')}` }) +
    element(d, PUPIL_FIELDS.schoolCode, pupil.schoolCode) +
    element(d, PUPIL_FIELDS.schoolId, pupil.schoolId) +
    element(d, PUPIL_FIELDS.upn, pupil.upn) +
    element(d, PUPIL_FIELDS.userCode, pupil.userCode) +
    element(d, PUPIL_FIELDS.userName, pupil.userName) +
    element(d, PUPIL_FIELDS.title, pupil.title) +
    element(d, PUPIL_FIELDS.forename, pupil.forename) +
    element(d, PUPIL_FIELDS.middleNames, pupil.middleName) +
    element(d, PUPIL_FIELDS.surname, pupil.surname) +
    element(d, PUPIL_FIELDS.initials, pupil.initials) +
    element(d, PUPIL_FIELDS.preferredName, pupil.preferredName) +
    element(d, PUPIL_FIELDS.fullName, pupil.fullName) +
    element(d, PUPIL_FIELDS.gender, pupil.gender) +
    element(d, PUPIL_FIELDS.dateOfBirth, isamsDate(pupil.dob)) +
    element(d, PUPIL_FIELDS.email, pupil.email) +
    element(d, PUPIL_FIELDS.ncYear, pupil.ncYear) +
    element(d, PUPIL_FIELDS.form, pupil.form) +
    element(d, PUPIL_FIELDS.academicHouse, pupil.academicHouse) +
    element(d, PUPIL_FIELDS.boardingHouse, pupil.boardingHouse) +
    element(d, PUPIL_FIELDS.divisionName, pupil.divisionName) +
    element(d, PUPIL_FIELDS.tutor, tutor?.userCode ?? '') +
    element(d, PUPIL_FIELDS.pupilType, pupil.pupilType) +
    element(d, PUPIL_FIELDS.familyId, pupil.familyId) +
    element(d, PUPIL_FIELDS.enrolmentDate, isamsDate(pupil.enrolmentDate)) +
    element(d, PUPIL_FIELDS.enrolmentSchoolYear, pupil.enrolmentSchoolYear) +
    open(d, UNKNOWN_NAMES.nationalities[0]) +
    element(d + 1, UNKNOWN_NAMES.nationalities[1], pupil.boardingHouse !== '' && pupil.id % 3 === 0 ? 'Hong Kong' : 'British') +
    close(d, UNKNOWN_NAMES.nationalities[0]) +
    element(d, UNKNOWN_NAMES.languageElement, 'English') +
    close(depth, PUPIL);
}

/** The pupils a feed currently shows: all of them, none, or the first half (scripted scenarios). */
export function pupilsInFeed(data: SchoolData): readonly PupilRecord[] {
  if (data.pupilsFeed === 'empty') return [];
  if (data.pupilsFeed === 'truncated-half') return data.pupils.slice(0, Math.floor(data.pupils.length / 2));
  return data.pupils;
}

function isJunior(pupil: PupilRecord): boolean {
  return pupil.ncYear > CAMPUS_TWO_OFFSET || curriculumYear(pupil.ncYear) <= 6;
}

/**
 * Current pupils, written as two `CurrentPupils` blocks (juniors, then seniors) the way some
 * schools' keys return them; readers must merge every block.
 */
export function* currentPupilsSection({ data }: RenderContext, depth: number): Generator<string> {
  const pupils = pupilsInFeed(data);
  const blocks = [pupils.filter(isJunior), pupils.filter((pupil) => !isJunior(pupil))].filter((block) => block.length > 0);
  if (blocks.length === 0) {
    yield* collection(depth, CURRENT_PUPILS, []);
    return;
  }
  for (const block of blocks) {
    yield* collection(depth, CURRENT_PUPILS, (function* () {
      for (const pupil of block) yield pupilRecord(data, pupil, depth + 1);
    })());
  }
}

export function* applicantsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Pupil_GetApplicants;
  yield* collection(depth, name, data.applicants.map((applicant) =>
    open(depth + 1, item, { [ID_ATTRIBUTES.id]: applicant.id, [ID_ATTRIBUTES.personGuid]: applicant.personGuid }) +
    element(depth + 2, PUPIL_FIELDS.schoolId, applicant.schoolId) +
    element(depth + 2, PUPIL_FIELDS.forename, applicant.forename) +
    element(depth + 2, PUPIL_FIELDS.surname, applicant.surname) +
    element(depth + 2, PUPIL_FIELDS.gender, applicant.gender) +
    element(depth + 2, PUPIL_FIELDS.dateOfBirth, isamsDate(applicant.dob)) +
    element(depth + 2, PUPIL_FIELDS.ncYear, applicant.ncYear) +
    element(depth + 2, PUPIL_FIELDS.familyId, applicant.familyId) +
    element(depth + 2, PUPIL_FIELDS.enrolmentSchoolYear, applicant.enrolmentSchoolYear) +
    close(depth + 1, item),
  ));
}

export function* siblingsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Pupil_GetSiblings;
  const families = new Map<number, PupilRecord[]>();
  for (const pupil of data.pupils) {
    const members = families.get(pupil.familyId);
    if (members) members.push(pupil);
    else families.set(pupil.familyId, [pupil]);
  }
  let id = 1;
  yield* collection(depth, name, (function* () {
    for (const members of families.values()) {
      for (const pupil of members) {
        for (const sibling of members) {
          if (sibling.id === pupil.id) continue;
          yield open(depth + 1, item, { [ID_ATTRIBUTES.id]: id++ }) +
            element(depth + 2, SIBLING_FIELDS.schoolId, pupil.schoolId) +
            element(depth + 2, SIBLING_FIELDS.siblingSchoolId, sibling.schoolId) +
            element(depth + 2, SIBLING_FIELDS.familyId, pupil.familyId) +
            close(depth + 1, item);
        }
      }
    }
  })());
}

export function* pupilPhotosSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Pupil_GetPupilPhotos;
  yield* collection(depth, name, (function* () {
    for (const pupil of data.pupils) {
      yield open(depth + 1, item, { [ID_ATTRIBUTES.schoolId]: pupil.schoolId }) +
        element(depth + 2, PHOTO_FIELDS.contentType, 'image/jpeg') +
        element(depth + 2, PHOTO_FIELDS.lastUpdated, pupil.photoUpdated) +
        element(depth + 2, PHOTO_FIELDS.data, avatarJpeg(data.seed, pupil.schoolId).toString('base64')) +
        close(depth + 1, item);
    }
  })());
}
