import type {
  ContactRecord,
  FormRecord,
  HouseRecord,
  SetRecord,
  StaffRecord,
  StudentRecord,
  YearGroupRecord,
} from '@isams-sync/contracts';
import { userContentHash, type PlannedUser } from '../user.model';
import type { CurrentUser } from '../plan-changes';

/** Small record builders for the specs: valid records with only what a case cares about. */
export const student = (isamsId: string, fields: Partial<StudentRecord> = {}): StudentRecord => ({
  type: 'student',
  isamsId,
  forename: 'Pupil',
  surname: isamsId,
  ...fields,
});

export const staffMember = (isamsId: string, fields: Partial<StaffRecord> = {}): StaffRecord => ({
  type: 'staff',
  isamsId,
  forename: 'Staff',
  surname: isamsId,
  teaching: true,
  divisions: [],
  status: 'current',
  ...fields,
});

export const contact = (isamsId: string, studentIds: string[], fields: Partial<ContactRecord> = {}): ContactRecord => ({
  type: 'contact',
  isamsId,
  studentIds,
  relationType: 'Mother',
  forename: 'Parent',
  surname: isamsId,
  email: `parent${isamsId}@example.com`,
  mailMerge: true,
  correspondence: true,
  ...fields,
});

export const year = (isamsId: string, name?: string): YearGroupRecord => ({
  type: 'yearGroup',
  isamsId,
  ncYear: Number(isamsId),
  ...(name ? { name } : {}),
});
export const form = (name: string, fields: Partial<FormRecord> = {}): FormRecord => ({
  type: 'form',
  isamsId: name,
  name,
  ...fields,
});
export const house = (
  isamsId: string,
  kind: HouseRecord['kind'],
  name: string,
  fields: Partial<HouseRecord> = {},
): HouseRecord => ({ type: 'house', isamsId, kind, name, ...fields });
export const teachingSet = (
  isamsId: string,
  teacherIds: string[],
  pupilIds: string[],
  fields: Partial<SetRecord> = {},
): SetRecord => ({
  type: 'set',
  isamsId,
  teacherIds,
  pupilIds,
  ...fields,
});

/** A planned user as the importer would have stored it. */
export function stored(user: PlannedUser, userId = `id-${user.userKey}`): CurrentUser {
  return { ...user, userId, contentHash: userContentHash(user) };
}

export function plannedUser(userKey: string, fields: Partial<PlannedUser> = {}): PlannedUser {
  const [kind, id] = userKey.split(':');
  const isams =
    kind === 'student'
      ? { studentId: id, contactIds: [] }
      : kind === 'staff'
        ? { staffId: id, contactIds: [] }
        : { contactIds: [id] };
  const role = kind === 'contact' ? 'parent' : (kind as 'student' | 'staff');
  return { userKey, roles: [role], isams, forename: 'A', surname: id, childUserKeys: [], active: true, ...fields };
}
