import {
  buildEnvelope,
  deterministicId,
  groupChangedV1,
  ROUTING,
  userChangedV1,
  type UserChangedV1,
} from '@isams-sync/contracts';
import {
  type ChangePlan,
  type CurrentUser,
  type PlannedUser,
  publicFields,
  type UserKind,
} from '@isams-sync/import-rules';
import {
  directoryId,
  type GroupWrite,
  type OutboxEvent,
  type StoredGroup,
  type StoredUser,
  type UserWrite,
} from '@isams-sync/persistence';

/** Fields a user may lose (absent in iSAMS now): removed from the stored document. */
const OPTIONAL_FIELDS = [
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
] as const;

export interface WriteContext {
  schoolId: string;
  runId: string;
  correlationId: string;
  now: Date;
}

/** A stored user document → the rules' view of it. */
export function toCurrentUser(doc: StoredUser): CurrentUser {
  const user = { ...publicFields(doc as unknown as PlannedUser), userId: doc._id, contentHash: doc.contentHash };
  return user as CurrentUser;
}

function userEvent(
  ctx: WriteContext,
  userId: string,
  kind: UserKind,
  version: number,
  data: Omit<UserChangedV1, 'userId' | 'kind' | 'version' | 'runId' | 'user'>,
  user: PlannedUser,
): OutboxEvent {
  const eventId = deterministicId(ctx.schoolId, userId, version);
  const envelope = buildEnvelope(userChangedV1, {
    schoolId: ctx.schoolId,
    correlationId: ctx.correlationId,
    eventId,
    occurredAt: ctx.now,
    data: { userId, kind, version, runId: ctx.runId, user: publicFields(user) as UserChangedV1['user'], ...data },
  });
  return {
    eventId,
    exchange: 'public',
    routingKey: ROUTING.userChanged(kind),
    envelope: envelope as unknown as Record<string, unknown>,
  };
}

function storedFields(user: PlannedUser, kind: UserKind, contentHash: string, runId: string): Record<string, unknown> {
  return { ...publicFields(user), kind, contentHash, lastRunId: runId };
}

function unsetFor(user: PlannedUser): string[] {
  return OPTIONAL_FIELDS.filter((f) => user[f] === undefined);
}

/** The plan → one write per changed user, each carrying its event. Versions come from what is stored. */
export function userWrites(plan: ChangePlan, versions: ReadonlyMap<string, number>, ctx: WriteContext): UserWrite[] {
  const writes: UserWrite[] = [];
  for (const c of plan.creates) {
    const userId = directoryId(ctx.schoolId, c.user.userKey);
    writes.push({
      op: 'create',
      userId,
      fields: { ...storedFields(c.user, c.kind, c.contentHash, ctx.runId), userKey: c.user.userKey },
      event: userEvent(ctx, userId, c.kind, 1, { change: 'created', changes: ['created'], changedFields: [] }, c.user),
    });
  }
  const change = (
    userId: string,
    kind: UserKind,
    user: PlannedUser,
    contentHash: string,
    data: Parameters<typeof userEvent>[4],
  ) => {
    const expectedVersion = versions.get(userId);
    if (expectedVersion === undefined) throw new Error(`user ${userId} is planned to change but is not stored`);
    writes.push({
      op: 'change',
      userId,
      expectedVersion,
      set: storedFields(user, kind, contentHash, ctx.runId),
      unset: unsetFor(user),
      event: userEvent(ctx, userId, kind, expectedVersion + 1, data, user),
    });
  };
  for (const u of plan.updates)
    change(u.userId, u.kind, u.user, u.contentHash, {
      change: u.change,
      changes: u.changes,
      changedFields: u.changedFields,
    });
  for (const d of plan.deactivations)
    change(d.userId, d.kind, d.user, d.contentHash, {
      change: 'deactivated',
      changes: ['deactivated'],
      changedFields: ['active'],
    });
  for (const r of plan.reactivations)
    change(r.userId, r.kind, r.user, r.contentHash, {
      change: 'reactivated',
      changes: ['reactivated'],
      changedFields: ['active', ...r.changedFields],
    });
  return writes;
}

/** Membership changes → group writes with their events; userKeys resolved to user ids. */
export function groupWrites(
  plan: ChangePlan,
  stored: readonly StoredGroup[],
  userIdOf: (userKey: string) => string,
  ctx: WriteContext,
): GroupWrite[] {
  const byKey = new Map(stored.map((g) => [g.groupKey, g]));
  return plan.groupMembershipChanges.map((change) => {
    const groupId = directoryId(ctx.schoolId, `group:${change.groupKey}`);
    const before = byKey.get(change.groupKey);
    const members = new Set(before?.memberUserKeys ?? []);
    change.removed.forEach((k) => members.delete(k));
    change.added.forEach((k) => members.add(k));
    const memberUserKeys = [...members].sort();
    const version = (before?.version ?? 0) + 1;
    const eventId = deterministicId(ctx.schoolId, groupId, version);
    const envelope = buildEnvelope(groupChangedV1, {
      schoolId: ctx.schoolId,
      correlationId: ctx.correlationId,
      eventId,
      occurredAt: ctx.now,
      data: {
        groupId,
        groupKey: change.groupKey,
        kind: change.kind,
        name: change.name,
        addedUserIds: change.added.map(userIdOf),
        removedUserIds: change.removed.map(userIdOf),
        version,
        runId: ctx.runId,
      },
    });
    const event: OutboxEvent = {
      eventId,
      exchange: 'public',
      routingKey: ROUTING.groupChanged,
      envelope: envelope as unknown as Record<string, unknown>,
    };
    return before
      ? {
          op: 'change' as const,
          groupId,
          expectedVersion: before.version,
          set: { memberUserKeys, name: change.name },
          event,
        }
      : {
          op: 'create' as const,
          groupId,
          fields: { groupKey: change.groupKey, kind: change.kind, name: change.name, memberUserKeys },
          event,
        };
  });
}

/**
 * The school's logins (email → user id) once the plan is applied: every planned user as planned,
 * every other stored user as stored. Only active users with a login email have one.
 */
export function loginsAfter(
  stored: readonly StoredUser[],
  plan: ChangePlan,
  userIdOf: (userKey: string) => string,
): Map<string, string> {
  const finalState = new Map<string, { userId: string; active: boolean; loginEmail?: string }>();
  for (const u of stored)
    finalState.set(u.userKey, {
      userId: u._id,
      active: u.active,
      loginEmail: typeof u.loginEmail === 'string' ? u.loginEmail : undefined,
    });
  for (const { user } of [...plan.creates, ...plan.updates, ...plan.deactivations, ...plan.reactivations]) {
    finalState.set(user.userKey, { userId: userIdOf(user.userKey), active: user.active, loginEmail: user.loginEmail });
  }
  const logins = new Map<string, string>();
  for (const u of finalState.values()) if (u.active && u.loginEmail) logins.set(u.loginEmail, u.userId);
  return logins;
}
