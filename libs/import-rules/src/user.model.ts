import { createHash } from 'node:crypto';
import { sortedIds } from './id-order';

/** SchoolsBuddy user roles, in the order that decides a user's kind and key. */
export const USER_ROLES = ['student', 'staff', 'parent'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** The kind a user is counted and routed as (`user.changed.<kind>`): its first role in USER_ROLES order. */
export type UserKind = UserRole;
export const USER_KINDS: readonly UserKind[] = USER_ROLES;

/** The iSAMS records a user stands for. */
export interface IsamsIdentity {
  /** The pupil's SchoolId. */
  studentId?: string;
  /** The staff member's `Id`. */
  staffId?: string;
  /** Contact `Id`s (one person may be several contact records), sorted. */
  contactIds: string[];
}

/** A SchoolsBuddy user as this run's iSAMS data describes it (no medical data, no secrets). */
export interface PlannedUser {
  /** Stable: from the user's first iSAMS identity (`student:<SchoolId>`, `staff:<Id>`, `contact:<Id>`). */
  userKey: string;
  /** Sorted in USER_ROLES order, distinct. */
  roles: UserRole[];
  isams: IsamsIdentity;
  title?: string;
  forename?: string;
  preferredName?: string;
  surname?: string;
  /** As iSAMS holds it (may be invalid or shared: see loginEmail). */
  email?: string;
  /** Trimmed, lower-case; present only when the email is valid and belongs to this user alone. */
  loginEmail?: string;
  yearGroup?: string;
  form?: string;
  academicHouse?: string;
  boardingHouse?: string;
  /** For parents: the userKeys of their children, sorted. */
  childUserKeys: string[];
  active: boolean;
}

/** The fields an event or a report may carry, in their fixed order. */
export const PUBLIC_USER_FIELDS = [
  'userKey',
  'roles',
  'isams',
  'title',
  'forename',
  'preferredName',
  'surname',
  'email',
  'loginEmail',
  'yearGroup',
  'form',
  'academicHouse',
  'boardingHouse',
  'childUserKeys',
  'active',
] as const satisfies readonly (keyof PlannedUser)[];
export type PublicUserField = (typeof PUBLIC_USER_FIELDS)[number];
export type PublicUser = Pick<PlannedUser, PublicUserField>;

/** Fields compared to decide whether a user changed; `active` is left to deactivation/reactivation. */
export const CONTENT_FIELDS: readonly PublicUserField[] = PUBLIC_USER_FIELDS.filter((field) => field !== 'active');

const IDENTITY_ORDER = ['studentId', 'staffId', 'contactIds'] as const;

export function userKind(user: Pick<PlannedUser, 'roles'>): UserKind {
  return USER_ROLES.find((role) => user.roles.includes(role)) ?? 'parent';
}

export function sortRoles(roles: Iterable<UserRole>): UserRole[] {
  const present = new Set(roles);
  return USER_ROLES.filter((role) => present.has(role));
}

/**
 * What an event may carry, as a fresh object in the fixed field order. A copy, not the user: a
 * caller that stored extra (private) fields on its user object cannot leak them through here.
 */
export function publicFields(user: PlannedUser): PublicUser {
  const out: Record<string, unknown> = {};
  for (const field of PUBLIC_USER_FIELDS) {
    const value = user[field];
    if (value === undefined) continue;
    if (field === 'isams') out[field] = copyIdentity(user.isams);
    else out[field] = Array.isArray(value) ? [...value] : value;
  }
  return out as unknown as PublicUser;
}

function copyIdentity(identity: IsamsIdentity): IsamsIdentity {
  const out: Record<string, unknown> = {};
  for (const key of IDENTITY_ORDER)
    if (identity[key] !== undefined) out[key] = key === 'contactIds' ? [...identity.contactIds] : identity[key];
  return out as unknown as IsamsIdentity;
}

/** The content the hash covers, as JSON in a fixed key order (absent fields omitted). */
export function serialiseUserContent(user: PlannedUser): string {
  const publicUser = publicFields(user) as unknown as Record<string, unknown>;
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) if (publicUser[field] !== undefined) content[field] = publicUser[field];
  return JSON.stringify(content);
}

/** sha256 (hex) of the user's public content, without `active`: equal hashes mean no update is needed. */
export function userContentHash(user: PlannedUser): string {
  return createHash('sha256').update(serialiseUserContent(user)).digest('hex');
}

/** The identity keys a user can be recognised by (its own key among them). */
export function identityKeys(identity: IsamsIdentity): string[] {
  const keys: string[] = [];
  if (identity.studentId !== undefined) keys.push(studentKey(identity.studentId));
  if (identity.staffId !== undefined) keys.push(staffKey(identity.staffId));
  for (const contactId of sortedIds(identity.contactIds)) keys.push(contactKey(contactId));
  return keys;
}

export const studentKey = (schoolId: string): string => `student:${schoolId}`;
export const staffKey = (staffId: string): string => `staff:${staffId}`;
export const contactKey = (contactId: string): string => `contact:${contactId}`;

/** The key from the first identity: student, then staff, then the lowest contact id. */
export function userKeyOf(identity: IsamsIdentity): string {
  const [first] = identityKeys(identity);
  if (first === undefined) throw new RangeError('a user needs at least one iSAMS identity');
  return first;
}
