import { ID_ATTRIBUTES, PHOTO_FIELDS, SECTIONS, STAFF_FIELDS } from '@isams-sync/isams';
import type { SchoolData, SimulatedStaffMember } from '../../model/school-data';
import { avatarJpeg } from '../../photos/avatar-photo';
import { close, collection, element, flag, isamsDate, open } from '../../xml/xml-text';
import { idAttribute, optionalElement, spaced, UNKNOWN_NAMES, type RenderContext } from '../render-context';
import type { WireProfile } from '../wire-profile';

const [, CURRENT_STAFF, STAFF_MEMBER] = SECTIONS.HumanResources_GetCurrentStaff;

function staffRecord(data: SchoolData, profile: WireProfile, member: SimulatedStaffMember, depth: number): string {
  const d = depth + 1;
  const [rolesName, roleName] = STAFF_FIELDS.roles;
  const [divisionsName, divisionName] = STAFF_FIELDS.divisions;
  let out =
    open(depth, STAFF_MEMBER, {
      ...idAttribute(profile, member, member.id),
      [ID_ATTRIBUTES.personId]: member.personId,
      [ID_ATTRIBUTES.personGuid]: member.personGuid,
    }) +
    element(d, STAFF_FIELDS.userCode, member.userCode) +
    element(d, STAFF_FIELDS.userName, member.userName) +
    element(d, STAFF_FIELDS.title, member.title) +
    element(d, STAFF_FIELDS.forename, member.forename) +
    element(d, STAFF_FIELDS.middleNames, spaced(profile, member.middleNames)) +
    element(d, STAFF_FIELDS.surname, member.surname) +
    element(d, STAFF_FIELDS.fullName, `${member.title} ${member.forename} ${member.surname}`.trim()) +
    element(d, STAFF_FIELDS.nameInitials, `${member.forename.charAt(0)}${member.surname.charAt(0)}`) +
    element(d, STAFF_FIELDS.preferredName, member.preferredName) +
    element(d, STAFF_FIELDS.salutation, `${member.title} ${member.surname}`.trim()) +
    element(d, STAFF_FIELDS.initials, member.initials) +
    element(d, STAFF_FIELDS.email, member.email) +
    element(d, STAFF_FIELDS.mobile, member.mobile) +
    element(d, STAFF_FIELDS.gender, member.gender) +
    optionalElement(profile, d, STAFF_FIELDS.dateOfBirth, isamsDate(member.dob)) +
    element(d, STAFF_FIELDS.teaching, flag(member.teaching)) +
    optionalElement(profile, d, STAFF_FIELDS.leavingDate, isamsDate(member.leavingDate)) +
    element(d, UNKNOWN_NAMES.staffPayrollElement, String(member.id * 13).padStart(8, '0'));
  out += open(d, rolesName);
  for (const role of member.roles)
    out += open(d + 1, roleName) + element(d + 2, STAFF_FIELDS.roleName, role) + close(d + 1, roleName);
  out += close(d, rolesName) + open(d, divisionsName);
  for (const divisionId of member.divisionIds) {
    const division = data.divisions.find((candidate) => candidate.id === divisionId);
    out +=
      open(d + 1, divisionName, { [ID_ATTRIBUTES.id]: divisionId }) +
      element(d + 2, STAFF_FIELDS.divisionName, division?.name ?? '') +
      close(d + 1, divisionName);
  }
  return out + close(d, divisionsName) + close(depth, STAFF_MEMBER);
}

export function* currentStaffSection({ data, profile }: RenderContext, depth: number): Generator<string> {
  yield* collection(
    depth,
    CURRENT_STAFF,
    (function* () {
      for (const member of data.staff) yield staffRecord(data, profile, member, depth + 1);
    })(),
  );
}

export function* staffPhotosSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.HumanResources_GetCurrentStaffPhotos;
  yield* collection(
    depth,
    name,
    (function* () {
      for (const member of data.staff) {
        yield (
          open(depth + 1, item, { [ID_ATTRIBUTES.staffId]: member.id }) +
          element(depth + 2, PHOTO_FIELDS.contentType, 'image/jpeg') +
          element(depth + 2, PHOTO_FIELDS.lastUpdated, '2025-09-01T08:00:00') +
          element(depth + 2, PHOTO_FIELDS.data, avatarJpeg(data.seed, `staff-${member.id}`).toString('base64')) +
          close(depth + 1, item)
        );
      }
    })(),
  );
}
