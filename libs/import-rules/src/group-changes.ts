import type { GroupKind, PlannedGroup } from './groups';
import type { DatasetCompleteness } from './dataset-completeness';

/** Members to add to and remove from one group. */
export interface GroupMembershipChange {
  groupKey: string;
  kind: GroupKind;
  name: string;
  added: string[];
  removed: string[];
  /** The group is not stored yet. */
  isNew: boolean;
  /** The group is no longer in iSAMS (its members are removed; the group itself is kept for history). */
  isGone: boolean;
}

/**
 * Membership differences. A member is removed only when the datasets behind that membership are
 * complete: the member's own people dataset, and the group's source (teaching for sets, structure
 * for a tutor's or house master's place). Additions are always safe.
 */
export function planGroupChanges(
  current: readonly PlannedGroup[],
  incoming: readonly PlannedGroup[],
  completeness: DatasetCompleteness,
): GroupMembershipChange[] {
  const stored = new Map(current.map((group) => [group.groupKey, group]));
  const seen = new Set<string>();
  const changes: GroupMembershipChange[] = [];
  for (const group of incoming) {
    seen.add(group.groupKey);
    const before = stored.get(group.groupKey);
    const was = new Set(before?.memberUserKeys ?? []);
    const now = new Set(group.memberUserKeys);
    const added = group.memberUserKeys.filter((key) => !was.has(key));
    const removed = (before?.memberUserKeys ?? []).filter(
      (key) => !now.has(key) && removable(group.kind, key, completeness),
    );
    if (!before || added.length > 0 || removed.length > 0) {
      changes.push({
        groupKey: group.groupKey,
        kind: group.kind,
        name: group.name,
        added,
        removed,
        isNew: !before,
        isGone: false,
      });
    }
  }
  for (const group of current) {
    if (seen.has(group.groupKey)) continue;
    const removed = group.memberUserKeys.filter((key) => removable(group.kind, key, completeness));
    if (removed.length > 0)
      changes.push({
        groupKey: group.groupKey,
        kind: group.kind,
        name: group.name,
        added: [],
        removed,
        isNew: false,
        isGone: true,
      });
  }
  return changes.sort((a, b) => (a.groupKey < b.groupKey ? -1 : a.groupKey > b.groupKey ? 1 : 0));
}

function removable(kind: GroupKind, memberKey: string, completeness: DatasetCompleteness): boolean {
  const complete = (dataset: keyof DatasetCompleteness) => completeness[dataset] === 'complete';
  const student = memberKey.startsWith('student:');
  if (!complete(student ? 'pupils' : 'staff')) return false;
  if (kind === 'set') return complete('teaching');
  return student || complete('structure');
}
