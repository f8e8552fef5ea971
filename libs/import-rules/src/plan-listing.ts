import { createHash } from 'node:crypto';
import type { ChangePlan } from './plan-changes';
import type { PlannedUser, UserKind } from './user.model';

/** One line of a plan a person can read: who changes and how, without the stored values. */
export type PlanEntry =
  | {
      target: 'user';
      kind: UserKind;
      userKey: string;
      name: string;
      change: 'create' | 'update' | 'deactivate' | 'reactivate';
      detail: string[];
    }
  | {
      target: 'group';
      groupKey: string;
      name: string;
      change: 'create' | 'update' | 'empty';
      added: string[];
      removed: string[];
    };

export interface PlanListing {
  /** sha256 over every entry in a fixed order: equal plans, equal fingerprints. */
  fingerprint: string;
  entries: PlanEntry[];
}

function nameOf(user: PlannedUser): string {
  return [user.preferredName ?? user.forename, user.surname].filter(Boolean).join(' ') || user.userKey;
}

const byKey = (a: PlanEntry, b: PlanEntry) => {
  const ka = a.target === 'user' ? `u\u0000${a.userKey}` : `g\u0000${a.groupKey}`;
  const kb = b.target === 'user' ? `u\u0000${b.userKey}` : `g\u0000${b.groupKey}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/**
 * The plan as a list (users by userKey, then groups by groupKey) and its fingerprint: what a held
 * run is stored with, what `sync --dry-run` and `report --plan` print, and what an approval is
 * checked against (approve applies the plan only if planning again gives the same fingerprint).
 */
export function planListing(plan: ChangePlan): PlanListing {
  const entries: PlanEntry[] = [
    ...plan.creates.map((c): PlanEntry => ({
      target: 'user',
      kind: c.kind,
      userKey: c.user.userKey,
      name: nameOf(c.user),
      change: 'create',
      detail: [],
    })),
    ...plan.updates.map((u): PlanEntry => ({
      target: 'user',
      kind: u.kind,
      userKey: u.user.userKey,
      name: nameOf(u.user),
      change: 'update',
      detail: [...u.changedFields],
    })),
    ...plan.deactivations.map((d): PlanEntry => ({
      target: 'user',
      kind: d.kind,
      userKey: d.userKey,
      name: nameOf(d.user),
      change: 'deactivate',
      detail: [d.reason],
    })),
    ...plan.reactivations.map((r): PlanEntry => ({
      target: 'user',
      kind: r.kind,
      userKey: r.user.userKey,
      name: nameOf(r.user),
      change: 'reactivate',
      detail: [...r.changedFields],
    })),
    ...plan.groupMembershipChanges.map((g): PlanEntry => ({
      target: 'group',
      groupKey: g.groupKey,
      name: g.name,
      change: g.isNew ? 'create' : g.isGone ? 'empty' : 'update',
      added: [...g.added].sort(),
      removed: [...g.removed].sort(),
    })),
  ].sort(byKey);
  const hash = createHash('sha256');
  for (const e of entries) hash.update(JSON.stringify(e)).update('\n');
  return { fingerprint: hash.digest('hex'), entries };
}

/** One line per entry, for a terminal. */
export function formatPlanEntry(e: PlanEntry): string {
  if (e.target === 'user')
    return `${e.change.padEnd(10)} ${e.kind.padEnd(7)} ${e.userKey}  ${e.name}${e.detail.length ? `  (${e.detail.join(', ')})` : ''}`;
  const members = [e.added.length ? `+${e.added.length}` : '', e.removed.length ? `-${e.removed.length}` : '']
    .filter(Boolean)
    .join(' ');
  return `${e.change.padEnd(10)} group   ${e.groupKey}  ${e.name}${members ? `  (members ${members})` : ''}`;
}
