import { DEFAULT_THRESHOLDS, type SchoolConfig } from '@isams-sync/contracts';
import type { ChangePlan } from './plan-changes';
import { USER_KINDS, type PublicUserField, type UserKind } from './user.model';

export type Thresholds = SchoolConfig['thresholds'];

export interface MassChangeInput {
  plan: Pick<ChangePlan, 'updates' | 'deactivations'>;
  /** Active users per kind before this run. */
  currentActive: Partial<Record<UserKind, number>>;
  /** Records per dataset in this run (e.g. `{ pupils: 580, contacts: 900, staff: 80 }`): 0 means it came back empty. */
  datasetSizes: Partial<Record<string, number>>;
  /** Records per dataset in the last applied run (absent on a first sync). */
  previousDatasetSizes?: Partial<Record<string, number>>;
  thresholds?: Thresholds;
}

export interface MassChangeVerdict {
  hold: boolean;
  reasons: string[];
}

/**
 * Moving a pupil's year group, form or houses is what a summer roll-over does to everyone: such
 * updates are expected en masse and do not count toward the update threshold.
 */
export const PLACEMENT_FIELDS: ReadonlySet<PublicUserField> = new Set([
  'yearGroup',
  'form',
  'academicHouse',
  'boardingHouse',
  'childUserKeys',
]);

const percent = (part: number, whole: number) => (100 * part) / whole;
const shown = (value: number) => `${Math.round(value * 10) / 10}%`;

/**
 * Whether a run must wait for a person: too many deactivations or updates of one user kind, or a
 * dataset that came back empty or shrank sharply against the last applied run. Thresholds are
 * "more than", so exactly 10% of removals still applies.
 */
export function guardMassChange(input: MassChangeInput): MassChangeVerdict {
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const reasons: string[] = [];
  for (const kind of USER_KINDS) {
    const active = input.currentActive[kind] ?? 0;
    if (active === 0) continue;
    const deactivated = input.plan.deactivations.filter((change) => change.kind === kind).length;
    const updated = input.plan.updates.filter(
      (change) => change.kind === kind && change.changedFields.some((field) => !PLACEMENT_FIELDS.has(field)),
    ).length;
    if (percent(deactivated, active) > thresholds.removalPercent) {
      reasons.push(
        `${deactivated} of ${active} ${kind} users (${shown(percent(deactivated, active))}) would be deactivated, above the ${thresholds.removalPercent}% threshold`,
      );
    }
    if (percent(updated, active) > thresholds.updatePercent) {
      reasons.push(
        `${updated} of ${active} ${kind} users (${shown(percent(updated, active))}) would be updated, above the ${thresholds.updatePercent}% threshold`,
      );
    }
  }
  for (const [dataset, size] of Object.entries(input.datasetSizes)) {
    if (size === undefined) continue;
    const previous = input.previousDatasetSizes?.[dataset];
    if (size === 0) {
      reasons.push(`the ${dataset} dataset came back empty${previous ? ` (${previous} records last time)` : ''}`);
    } else if (
      previous !== undefined &&
      previous > 0 &&
      percent(previous - size, previous) > thresholds.removalPercent
    ) {
      reasons.push(
        `the ${dataset} dataset shrank from ${previous} to ${size} records (${shown(percent(previous - size, previous))}), more than the ${thresholds.removalPercent}% threshold`,
      );
    }
  }
  return { hold: reasons.length > 0, reasons };
}
