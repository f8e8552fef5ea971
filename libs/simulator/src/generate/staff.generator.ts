import { addDays } from '../calendar/school-calendar';
import type { SimulatedStaffMember } from '../model/school-data';
import type { SeededRandom } from '../random/seeded-random';
import { asciiSlug, UniqueNames } from './ascii-name';
import { STAFF_ROLES_SUPPORT, STAFF_ROLES_TEACHING } from './name-pools';
import { initialsOf, preferredNameOf, randomMiddleName, randomMobile, randomPerson } from './person.generator';

export interface StaffIdentity {
  emails: UniqueNames;
  userCodes: UniqueNames;
  domain: string;
}

export interface NewStaffInput {
  id: number;
  personId: number;
  teaching: boolean;
  divisionIds: readonly number[];
  whitespaceMiddleName: boolean;
}

export function staffCounts(pupils: number): { teaching: number; support: number } {
  return { teaching: Math.max(6, Math.round(pupils / 9)), support: Math.max(3, Math.round(pupils / 25)) };
}

const TITLES_F = ['Mrs', 'Ms', 'Miss', 'Dr'] as const;
const TITLES_M = ['Mr', 'Mr', 'Mr', 'Dr'] as const;

export function newStaffMember(rng: SeededRandom, identity: StaffIdentity, input: NewStaffInput): SimulatedStaffMember {
  const person = randomPerson(rng);
  const middleNames = randomMiddleName(rng, person.gender, input.whitespaceMiddleName);
  const slugSurname = asciiSlug(person.surname) || 'staff';
  const slugForename = asciiSlug(person.forename) || 'x';
  const userCode = identity.userCodes.take(`${slugForename[0]}${slugSurname}`.slice(0, 8).toUpperCase());
  const email = identity.emails.take(
    `${slugForename[0]}.${slugSurname}`,
    (suffix) => `${slugForename[0]}.${slugSurname}${suffix}@${identity.domain}`,
  );
  const roles = input.teaching
    ? ['Teacher', ...(rng.chance(0.25) ? [rng.pick(STAFF_ROLES_TEACHING)] : [])]
    : [rng.pick(STAFF_ROLES_SUPPORT)];
  return {
    id: input.id,
    personId: input.personId,
    personGuid: rng.guid(),
    userCode,
    userName: userCode.toLowerCase(),
    title: rng.pick(person.gender === 'F' ? TITLES_F : TITLES_M),
    forename: person.forename,
    middleNames,
    surname: person.surname,
    preferredName: preferredNameOf(rng, person.forename),
    initials: initialsOf(person.forename, middleNames, person.surname),
    email,
    mobile: rng.chance(0.7) ? randomMobile(rng) : '',
    gender: person.gender,
    dob: `${rng.int(1958, 1999)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    teaching: input.teaching,
    leavingDate: '',
    roles: [...new Set(roles)],
    divisionIds: input.divisionIds,
  };
}

/**
 * Staff who left but are still in the CurrentStaff feed with a past LeavingDate, and one who has
 * resigned with a leaving date still ahead: both happen in real schools.
 */
export function withLeavingDates(
  rng: SeededRandom,
  staff: readonly SimulatedStaffMember[],
  pastLeavers: number,
  today: string,
): SimulatedStaffMember[] {
  const chosen = rng.sample(
    staff.map((_, index) => index),
    pastLeavers + 1,
  );
  return staff.map((member, index) => {
    const position = chosen.indexOf(index);
    if (position < 0) return member;
    const leavingDate = position < pastLeavers ? addDays(today, -rng.int(7, 200)) : addDays(today, rng.int(20, 90));
    return { ...member, leavingDate };
  });
}
