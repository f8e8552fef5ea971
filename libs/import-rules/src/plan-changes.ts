import { planGroupChanges, type GroupMembershipChange } from './group-changes';
import type { PlannedGroup } from './groups';
import type { IncomingState } from './build-incoming';
import type { DatasetCompleteness } from './dataset-completeness';
import {
  CONTENT_FIELDS,
  identityKeys,
  publicFields,
  userContentHash,
  userKind,
  USER_KINDS,
  type PlannedUser,
  type PublicUserField,
  type UserKind,
} from './user.model';
import { NO_CURRENT_PUPIL } from './rules/parent-leaver.rule';

/** A user as stored: the planned user it was last written from, plus its id and content hash. */
export interface CurrentUser extends PlannedUser {
  userId: string;
  contentHash: string;
}

export const USER_CHANGE_KINDS = [
  'created',
  'updated',
  'deactivated',
  'reactivated',
  'email_changed',
  'roles_changed',
] as const;
export type UserChangeKind = (typeof USER_CHANGE_KINDS)[number];

export interface UserCreate {
  kind: UserKind;
  user: PlannedUser;
  contentHash: string;
  change: 'created';
}

export interface UserUpdate {
  kind: UserKind;
  userId: string;
  user: PlannedUser;
  contentHash: string;
  changedFields: PublicUserField[];
  /** The most specific change, for the event: roles_changed, else email_changed, else updated. */
  change: 'updated' | 'email_changed' | 'roles_changed';
  /** Every change kind that applies, `updated` always first. */
  changes: UserChangeKind[];
}

export const DEACTIVATION_REASONS = ['left-pupils', 'left-staff', NO_CURRENT_PUPIL, 'gone'] as const;
export type DeactivationReason = (typeof DEACTIVATION_REASONS)[number];

export interface UserDeactivation {
  kind: UserKind;
  userId: string;
  userKey: string;
  reason: DeactivationReason;
  change: 'deactivated';
  /** The user as it will be stored (active false; content otherwise as planned, or as stored when gone). */
  user: PlannedUser;
  contentHash: string;
}

export interface UserReactivation {
  kind: UserKind;
  userId: string;
  user: PlannedUser;
  contentHash: string;
  /** Fields that changed besides `active`. */
  changedFields: PublicUserField[];
  change: 'reactivated';
}

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  reactivated: number;
  withoutLogin: number;
}

export interface ChangePlan {
  creates: UserCreate[];
  updates: UserUpdate[];
  /** Users that need no write (including those kept as they are because their dataset was not complete). */
  unchanged: number;
  deactivations: UserDeactivation[];
  reactivations: UserReactivation[];
  groupMembershipChanges: GroupMembershipChange[];
  counts: Record<UserKind, KindCounts>;
}

export function emptyCounts(): Record<UserKind, KindCounts> {
  return Object.fromEntries(
    USER_KINDS.map((kind) => [
      kind,
      { created: 0, updated: 0, unchanged: 0, deactivated: 0, reactivated: 0, withoutLogin: 0 },
    ]),
  ) as Record<UserKind, KindCounts>;
}

const isComplete = (completeness: DatasetCompleteness, dataset: keyof DatasetCompleteness) =>
  completeness[dataset] === 'complete';

/** Whether the datasets that vouch for a role all came in complete (only then may it be taken away). */
export function roleJudgeable(role: UserKind, completeness: DatasetCompleteness): boolean {
  switch (role) {
    case 'student':
      return isComplete(completeness, 'pupils');
    case 'staff':
      return isComplete(completeness, 'staff');
    case 'parent':
      return isComplete(completeness, 'pupils') && isComplete(completeness, 'contacts');
  }
}

/**
 * Current state + this run's incoming state → what to write. Users are matched by userKey, else by
 * any iSAMS identity they share (a parent who joins the staff keeps their user and id). Nothing is
 * taken away (deactivation, a lost role) unless every dataset that vouches for it is complete; a
 * returning leaver is reactivated as the same user.
 */
export function planChanges(
  current: readonly CurrentUser[],
  incoming: Pick<IncomingState, 'users' | 'groups'>,
  completeness: DatasetCompleteness,
  currentGroups: readonly PlannedGroup[] = [],
): ChangePlan {
  const { matches, remap } = matchUsers(current, incoming.users);
  const rekey = (key: string) => remap.get(key) ?? key;
  const plan: ChangePlan = {
    creates: [],
    updates: [],
    unchanged: 0,
    deactivations: [],
    reactivations: [],
    groupMembershipChanges: [],
    counts: emptyCounts(),
  };
  const incomingActive = new Set<string>();

  for (const original of incoming.users) {
    const user = {
      ...original,
      userKey: rekey(original.userKey),
      childUserKeys: original.childUserKeys.map(rekey).sort(),
    };
    const stored = matches.get(original);
    if (user.active) incomingActive.add(user.userKey);
    if (user.active && user.loginEmail === undefined) plan.counts[userKind(user)].withoutLogin += 1;
    if (!stored) planNewUser(plan, user);
    else planKnownUser(plan, stored, user, completeness);
  }

  const matched = new Set([...matches.values()]);
  for (const stored of current) {
    if (matched.has(stored)) continue;
    if (stored.active && stored.roles.every((role) => roleJudgeable(role, completeness))) {
      deactivate(plan, stored, { ...storedUser(stored), active: false }, goneReason(stored));
    } else {
      unchanged(plan, stored);
    }
  }

  const groups = incoming.groups.map((group) => ({
    ...group,
    memberUserKeys: [...new Set(group.memberUserKeys.map(rekey))].sort(),
  }));
  plan.groupMembershipChanges = planGroupChanges(currentGroups, groups, completeness);
  return plan;
}

function planNewUser(plan: ChangePlan, user: PlannedUser): void {
  // A leaver we never knew (e.g. staff listed with a past leaving date) is not worth creating.
  if (!user.active) return;
  plan.creates.push({ kind: userKind(user), user, contentHash: userContentHash(user), change: 'created' });
  plan.counts[userKind(user)].created += 1;
}

function planKnownUser(
  plan: ChangePlan,
  stored: CurrentUser,
  user: PlannedUser,
  completeness: DatasetCompleteness,
): void {
  // A role that vanished because its dataset failed is not a change: keep the user as stored.
  const lostRoles = stored.roles.filter((role) => !user.roles.includes(role));
  if (lostRoles.some((role) => !roleJudgeable(role, completeness))) return unchanged(plan, stored);
  const contentHash = userContentHash(user);
  const changedFields = contentHash === stored.contentHash ? [] : diffFields(stored, user);
  if (stored.active && !user.active) {
    if (!stored.roles.every((role) => roleJudgeable(role, completeness))) return unchanged(plan, stored);
    return deactivate(
      plan,
      stored,
      user,
      stored.roles.includes('staff') && !user.roles.includes('parent') ? 'left-staff' : 'gone',
    );
  }
  if (!stored.active && user.active) {
    plan.reactivations.push({
      kind: userKind(user),
      userId: stored.userId,
      user,
      contentHash,
      changedFields,
      change: 'reactivated',
    });
    plan.counts[userKind(user)].reactivated += 1;
    return;
  }
  if (changedFields.length === 0 || !user.active) return unchanged(plan, stored);
  const changes: UserChangeKind[] = ['updated'];
  if (changedFields.includes('email') || changedFields.includes('loginEmail')) changes.push('email_changed');
  if (changedFields.includes('roles')) changes.push('roles_changed');
  const change = changes.includes('roles_changed')
    ? 'roles_changed'
    : changes.includes('email_changed')
      ? 'email_changed'
      : 'updated';
  plan.updates.push({ kind: userKind(user), userId: stored.userId, user, contentHash, changedFields, change, changes });
  plan.counts[userKind(user)].updated += 1;
}

function unchanged(plan: ChangePlan, stored: CurrentUser): void {
  plan.unchanged += 1;
  plan.counts[userKind(stored)].unchanged += 1;
}

function deactivate(plan: ChangePlan, stored: CurrentUser, user: PlannedUser, reason: DeactivationReason): void {
  const kind = userKind(stored);
  plan.deactivations.push({
    kind,
    userId: stored.userId,
    userKey: stored.userKey,
    reason,
    change: 'deactivated',
    user: { ...user, active: false },
    contentHash: userContentHash(user),
  });
  plan.counts[kind].deactivated += 1;
}

function goneReason(stored: CurrentUser): DeactivationReason {
  switch (userKind(stored)) {
    case 'student':
      return 'left-pupils';
    case 'staff':
      return 'left-staff';
    case 'parent':
      // the parent-leaver rule: their contact was not imported because no linked pupil is current
      return NO_CURRENT_PUPIL;
  }
}

/** The stored user's planned fields, without the storage ones. */
function storedUser(stored: CurrentUser): PlannedUser {
  const { userId: _userId, contentHash: _contentHash, ...user } = stored;
  return user;
}

/** Public content fields whose values differ (the loginEmail `undefined` → value counts). */
export function diffFields(before: PlannedUser, after: PlannedUser): PublicUserField[] {
  const a = publicFields(before) as Record<string, unknown>;
  const b = publicFields(after) as Record<string, unknown>;
  return CONTENT_FIELDS.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

/**
 * Incoming users → their stored user: by userKey first, then by a shared iSAMS identity (each
 * stored user claimed once). `remap` turns an incoming key into the stored key it matched.
 */
function matchUsers(
  current: readonly CurrentUser[],
  incoming: readonly PlannedUser[],
): { matches: Map<PlannedUser, CurrentUser>; remap: Map<string, string> } {
  const byKey = new Map(current.map((user) => [user.userKey, user]));
  const byIdentity = new Map<string, CurrentUser>();
  for (const user of current)
    for (const key of identityKeys(user.isams)) if (!byIdentity.has(key)) byIdentity.set(key, user);
  const claimed = new Set<CurrentUser>();
  const matches = new Map<PlannedUser, CurrentUser>();
  const remap = new Map<string, string>();
  const claim = (user: PlannedUser, stored: CurrentUser | undefined) => {
    if (!stored || claimed.has(stored)) return false;
    claimed.add(stored);
    matches.set(user, stored);
    if (stored.userKey !== user.userKey) remap.set(user.userKey, stored.userKey);
    return true;
  };
  const unmatched = incoming.filter((user) => !claim(user, byKey.get(user.userKey)));
  for (const user of unmatched) identityKeys(user.isams).some((key) => claim(user, byIdentity.get(key)));
  return { matches, remap };
}
