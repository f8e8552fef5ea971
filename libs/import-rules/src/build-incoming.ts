import type {
  ContactRecord,
  Finding,
  NormalisedRecord,
  SchoolConfig,
  StaffRecord,
  StudentRecord,
} from '@isams-sync/contracts';
import { filterContacts, type ContactExclusionReason } from './contact-filter';
import { assignLogins, isValidEmail, normaliseEmail, type LoginCandidate, type SourceRecord } from './email-rules';
import { buildGroups, studentYearGroup, type PlannedGroup } from './groups';
import { sortedIds } from './id-order';
import { splitRecords } from './incoming-records';
import { groupSamePersonContacts } from './parent-identity';
import { sortRoles, studentKey, userKeyOf, userKind, type PlannedUser, type UserRole } from './user.model';
import { mergeYearGroups } from './year-groups';
import { currentChildren } from './rules/parent-leaver.rule';

/** What this run's iSAMS data says the school's users and groups should be. */
export interface IncomingState {
  /** Sorted by userKey. */
  users: PlannedUser[];
  /** Sorted by groupKey. */
  groups: PlannedGroup[];
  findings: Finding[];
  /** Contacts not imported, counted per reason. */
  excluded: Record<ContactExclusionReason, number>;
}

export type ImportRulesConfig = Partial<Pick<SchoolConfig, 'contactFilter'>>;

/** A person being assembled from one or more iSAMS records. */
interface Draft {
  user: Omit<PlannedUser, 'userKey' | 'roles' | 'active' | 'loginEmail'>;
  /** role → whether that role is current */
  roles: Map<UserRole, boolean>;
  records: SourceRecord[];
}

/**
 * A run's normalised records + the school's rules → users, groups, findings and exclusion counts.
 * Pure: the same records always give the same state, in the same order.
 */
export function buildIncoming(records: Iterable<NormalisedRecord>, config: ImportRulesConfig = {}): IncomingState {
  const input = splitRecords(records);
  const years = mergeYearGroups(input.yearGroups);
  const yearGroupOf = new Map(
    input.students.map((student) => [student.isamsId, studentYearGroup(student, years.nameByNcYear)]),
  );
  const { included, excluded } = filterContacts(input.contacts, yearGroupOf, config.contactFilter);

  const drafts: Draft[] = [
    ...input.students.map((student) => studentDraft(student, yearGroupOf.get(student.isamsId))),
    ...mergeStaffParents(
      input.staff.map(staffDraft),
      groupSamePersonContacts(included).map((contacts) => parentDraft(contacts, yearGroupOf)),
    ),
  ];
  const users = drafts.map(toUser);
  // Only active users get logins: a leaver keeps their record, not their access.
  const candidates = users.flatMap((user, index) => (user.active ? [loginCandidate(user, drafts[index])] : []));
  const logins = assignLogins(candidates);
  for (const user of users) {
    const loginEmail = logins.loginEmails.get(user.userKey);
    if (loginEmail !== undefined) user.loginEmail = loginEmail;
  }
  users.sort((a, b) => (a.userKey < b.userKey ? -1 : a.userKey > b.userKey ? 1 : 0));

  const staffIds = new Set(input.staff.map((member) => member.isamsId));
  const currentStaffIds = new Set(
    input.staff.filter((member) => member.status === 'current').map((member) => member.isamsId),
  );
  const groups = buildGroups({
    ...input,
    yearGroups: years.yearGroups,
    nameByNcYear: years.nameByNcYear,
    staffIds,
    currentStaffIds,
  });
  return {
    users,
    groups: groups.groups,
    findings: [...years.findings, ...logins.findings, ...groups.findings],
    excluded,
  };
}

function loginCandidate(user: PlannedUser, draft: Draft): LoginCandidate {
  return { userKey: user.userKey, kind: userKind(user), email: user.email, records: draft.records };
}

function studentDraft(student: StudentRecord, yearGroup: string | undefined): Draft {
  const { forename, preferredName, surname, email, form, academicHouse, boardingHouse } = student;
  return {
    user: clean({
      isams: { studentId: student.isamsId, contactIds: [] },
      forename,
      preferredName,
      surname,
      email,
      yearGroup,
      form,
      academicHouse,
      boardingHouse,
      childUserKeys: [],
    }),
    roles: new Map([['student', true]]),
    records: [{ dataset: 'pupils', id: student.isamsId }],
  };
}

function staffDraft(member: StaffRecord): Draft {
  const { title, forename, preferredName, surname, email } = member;
  return {
    user: clean({
      isams: { staffId: member.isamsId, contactIds: [] },
      title,
      forename,
      preferredName,
      surname,
      email,
      childUserKeys: [],
    }),
    roles: new Map([['staff', member.status === 'current']]),
    records: [{ dataset: 'staff', id: member.isamsId }],
  };
}

/** One person from one or more contact records: details from the lowest contact id, children from all. */
function parentDraft(contacts: readonly ContactRecord[], yearGroupOf: ReadonlyMap<string, unknown>): Draft {
  const { title, forename, surname, email } = contacts[0];
  const children = sortedIds(
    contacts.flatMap((contact) => currentChildren(contact.studentIds, (id) => yearGroupOf.has(id))),
  );
  return {
    user: clean({
      isams: { contactIds: contacts.map((contact) => contact.isamsId) },
      title,
      forename,
      surname,
      email,
      childUserKeys: children.map(studentKey),
    }),
    roles: new Map([['parent', children.length > 0]]),
    records: contacts.map((contact) => ({ dataset: 'contacts', id: contact.isamsId })),
  };
}

/**
 * A member of staff and a parent with the same valid email are one person with both roles (HR's
 * details win: the school keeps them up to date). Only a one-to-one match merges: an email that
 * two parents share is two people, and the email rules report it.
 */
function mergeStaffParents(staff: Draft[], parents: Draft[]): Draft[] {
  const byEmail = (drafts: readonly Draft[]) => {
    const map = new Map<string, Draft[]>();
    for (const draft of drafts) {
      const email = normaliseEmail(draft.user.email);
      if (email !== undefined && isValidEmail(email)) map.set(email, [...(map.get(email) ?? []), draft]);
    }
    return map;
  };
  const parentsByEmail = byEmail(parents);
  const merged = new Set<Draft>();
  for (const [email, members] of byEmail(staff)) {
    const matching = parentsByEmail.get(email);
    if (members.length !== 1 || matching?.length !== 1) continue;
    const [member, parent] = [members[0], matching[0]];
    member.user.isams.contactIds = parent.user.isams.contactIds;
    member.user.childUserKeys = parent.user.childUserKeys;
    member.roles.set('parent', parent.roles.get('parent') ?? false);
    member.records.push(...parent.records);
    merged.add(parent);
  }
  return [...staff, ...parents.filter((parent) => !merged.has(parent))];
}

/** Roles are the current ones (all of them when none is current); a user is active when any role is. */
function toUser(draft: Draft): PlannedUser {
  const current = [...draft.roles].filter(([, isCurrent]) => isCurrent).map(([role]) => role);
  const roles = sortRoles(current.length > 0 ? current : draft.roles.keys());
  return { userKey: userKeyOf(draft.user.isams), roles, ...draft.user, active: current.length > 0 };
}

/** Drops absent fields so that a user's shape (and hash) does not depend on how it was built. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
