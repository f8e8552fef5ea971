/**
 * The parent-leaver rule: a parent is a SchoolsBuddy parent only while at least one of their linked pupils is a
 * current pupil. When their last child leaves, the contact is no longer imported, the parent has no children, and a
 * stored parent is deactivated, all under one reason: `no-current-pupil`. The contact filter, the incoming users and
 * the change plan all ask this file, so the rule and its reason live here only.
 */
export const NO_CURRENT_PUPIL = 'no-current-pupil' as const;

/** The linked pupils (SchoolIds) who are current, in the order given. */
export function currentChildren(
  studentIds: readonly string[],
  isCurrentPupil: (schoolId: string) => boolean,
): string[] {
  return studentIds.filter(isCurrentPupil);
}

/** Whether a contact still makes a parent: `undefined` when at least one linked pupil is current, else the reason. */
export function parentLeaverReason(
  studentIds: readonly string[],
  isCurrentPupil: (schoolId: string) => boolean,
): typeof NO_CURRENT_PUPIL | undefined {
  return currentChildren(studentIds, isCurrentPupil).length > 0 ? undefined : NO_CURRENT_PUPIL;
}
