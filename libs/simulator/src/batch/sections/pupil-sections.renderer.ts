import {
  ID_ATTRIBUTES,
  LEGACY_ATTRIBUTE,
  PHOTO_FIELDS,
  PUPIL_FIELDS,
  SECTIONS,
  SIBLING_FIELDS,
} from '@isams-sync/isams';
import { curriculumYear, CAMPUS_TWO_OFFSET } from '../../generate/structure.generator';
import { type PupilRecord, type SchoolData } from '../../model/school-data';
import { avatarJpeg } from '../../photos/avatar-photo';
import { close, collection, element, isamsDate, open } from '../../xml/xml-text';
import { idAttribute, optionalElement, spaced, staffById, UNKNOWN_NAMES, type RenderContext } from '../render-context';
import type { WireProfile } from '../wire-profile';

const [, CURRENT_PUPILS, PUPIL] = SECTIONS.Pupil_GetCurrentPupils;

/** A pupil's person id: the simulator keeps none, so it is derived (stable) from the pupil's Id. */
export function pupilPersonId(pupil: PupilRecord): number {
  return 100_000 + pupil.id;
}

/** The `DivisionId`, `AcademicHouseId`, `BoardingHouseId` attributes (C# client model PupilManagerCurrentPupil). */
function pupilReferenceIds(data: SchoolData, pupil: PupilRecord): Record<string, number | undefined> {
  return {
    [ID_ATTRIBUTES.divisionId]: data.years.find((year) => year.id === pupil.ncYear)?.divisionId,
    [ID_ATTRIBUTES.academicHouseId]: data.academicHouses.find((house) => house.name === pupil.academicHouse)?.id,
    [ID_ATTRIBUTES.boardingHouseId]: data.boardingHouses.find((house) => house.name === pupil.boardingHouse)?.id,
  };
}

function pupilRecord(data: SchoolData, profile: WireProfile, pupil: PupilRecord, depth: number): string {
  const tutor = staffById(data).get(pupil.tutorStaffId);
  const d = depth + 1;
  return (
    open(depth, PUPIL, {
      ...idAttribute(profile, pupil, pupil.id),
      [ID_ATTRIBUTES.personId]: pupilPersonId(pupil),
      [ID_ATTRIBUTES.personGuid]: pupil.personGuid,
      ...pupilReferenceIds(data, pupil),
      [UNKNOWN_NAMES.rowVersionAttribute]: `0x${(pupil.id * 7919).toString(16).padStart(16, '0')}`,
    }) +
    element(d, PUPIL_FIELDS.schoolCode, pupil.schoolCode) +
    element(d, PUPIL_FIELDS.schoolId, pupil.schoolId) +
    element(d, PUPIL_FIELDS.upn, pupil.upn) +
    element(d, PUPIL_FIELDS.userCode, pupil.userCode) +
    element(d, PUPIL_FIELDS.userName, pupil.userName) +
    element(d, PUPIL_FIELDS.title, pupil.title) +
    element(d, PUPIL_FIELDS.forename, pupil.forename) +
    element(d, PUPIL_FIELDS.middleNames, spaced(profile, pupil.middleName)) +
    element(d, PUPIL_FIELDS.surname, pupil.surname) +
    element(d, PUPIL_FIELDS.initials, pupil.initials) +
    element(d, PUPIL_FIELDS.preferredName, pupil.preferredName) +
    element(d, PUPIL_FIELDS.fullName, pupil.fullName) +
    element(d, PUPIL_FIELDS.gender, pupil.gender) +
    optionalElement(profile, d, PUPIL_FIELDS.dateOfBirth, isamsDate(pupil.dob)) +
    element(d, PUPIL_FIELDS.email, pupil.email) +
    element(d, PUPIL_FIELDS.ncYear, pupil.ncYear) +
    element(d, PUPIL_FIELDS.form, pupil.form) +
    element(d, PUPIL_FIELDS.academicHouse, pupil.academicHouse) +
    element(d, PUPIL_FIELDS.boardingHouse, pupil.boardingHouse) +
    element(d, PUPIL_FIELDS.divisionName, pupil.divisionName) +
    element(d, PUPIL_FIELDS.tutor, tutor?.userCode ?? '') +
    element(d, PUPIL_FIELDS.pupilType, pupil.pupilType) +
    element(d, PUPIL_FIELDS.familyId, pupil.familyId) +
    optionalElement(profile, d, PUPIL_FIELDS.enrolmentDate, isamsDate(pupil.enrolmentDate)) +
    optionalElement(profile, d, PUPIL_FIELDS.enrolmentSchoolYear, pupil.enrolmentSchoolYear) +
    element(
      d,
      PUPIL_FIELDS.nationalities,
      pupil.boardingHouse !== '' && pupil.id % 3 === 0 ? 'Chinese,British' : 'British',
    ) +
    element(d, UNKNOWN_NAMES.languageElement, 'English') +
    close(depth, PUPIL)
  );
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
 * Current pupils in one `CurrentPupils` block, as real answers have it; the hostile profile writes
 * two blocks (juniors, then seniors) so readers are proven to merge every block.
 */
export function* currentPupilsSection({ data, profile }: RenderContext, depth: number): Generator<string> {
  const pupils = pupilsInFeed(data);
  const split = profile.splitBlocks ? [pupils.filter(isJunior), pupils.filter((pupil) => !isJunior(pupil))] : [pupils];
  const blocks = split.filter((block) => block.length > 0);
  if (blocks.length === 0) {
    yield* collection(depth, CURRENT_PUPILS, []);
    return;
  }
  for (const block of blocks) {
    yield* collection(
      depth,
      CURRENT_PUPILS,
      (function* () {
        for (const pupil of block) yield pupilRecord(data, profile, pupil, depth + 1);
      })(),
    );
  }
}

export function* applicantsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Pupil_GetApplicants;
  yield* collection(
    depth,
    name,
    data.applicants.map(
      (applicant) =>
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
    ),
  );
}

const LEGACY = { [LEGACY_ATTRIBUTE]: 'True' };

/**
 * `PupilManager/Pupils/Pupil` for each current pupil with brothers or sisters at the school, each
 * with a Legacy `SchoolId`, its `Status` and `Siblings/Sibling[@PupilId]` (recorded sample Pupil/GetSiblings).
 */
export function* siblingsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Pupil_GetSiblings;
  const [siblingsName, siblingName] = SIBLING_FIELDS.siblings;
  const families = new Map<number, PupilRecord[]>();
  for (const pupil of data.pupils) {
    const members = families.get(pupil.familyId);
    if (members) members.push(pupil);
    else families.set(pupil.familyId, [pupil]);
  }
  const current = 'Current';
  yield* collection(
    depth,
    name,
    (function* () {
      for (const members of families.values()) {
        if (members.length < 2) continue;
        for (const pupil of members) {
          let out =
            open(depth + 1, item, { [ID_ATTRIBUTES.id]: pupil.id, [ID_ATTRIBUTES.personGuid]: pupil.personGuid }) +
            element(depth + 2, SIBLING_FIELDS.schoolId, pupil.schoolId, LEGACY) +
            element(depth + 2, SIBLING_FIELDS.status, current) +
            open(depth + 2, siblingsName);
          for (const sibling of members) {
            if (sibling.id === pupil.id) continue;
            out +=
              open(depth + 3, siblingName, {
                [ID_ATTRIBUTES.pupilId]: sibling.id,
                [ID_ATTRIBUTES.personGuid]: sibling.personGuid,
              }) +
              element(depth + 4, SIBLING_FIELDS.schoolId, sibling.schoolId, LEGACY) +
              element(depth + 4, SIBLING_FIELDS.status, current) +
              close(depth + 3, siblingName);
          }
          yield out + close(depth + 2, siblingsName) + close(depth + 1, item);
        }
      }
    })(),
  );
}

export function* pupilPhotosSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Pupil_GetCurrentPupilsPhotos;
  yield* collection(
    depth,
    name,
    (function* () {
      for (const pupil of data.pupils) {
        yield (
          open(depth + 1, item, { [ID_ATTRIBUTES.schoolId]: pupil.schoolId }) +
          element(depth + 2, PHOTO_FIELDS.contentType, 'image/jpeg') +
          element(depth + 2, PHOTO_FIELDS.lastUpdated, pupil.photoUpdated) +
          element(depth + 2, PHOTO_FIELDS.data, avatarJpeg(data.seed, pupil.schoolId).toString('base64')) +
          close(depth + 1, item)
        );
      }
    })(),
  );
}
