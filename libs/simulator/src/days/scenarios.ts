import { firstDayOfAcademicYear } from '../calendar/school-calendar';
import type { NewChange } from '../model/school-change';
import type { SchoolData } from '../model/school-data';
import { SeededRandom } from '../random/seeded-random';
import { applySummerRollover } from './summer-rollover';

/**
 * Scripted scenarios. `empty-pupils` and `truncated-pupils` break the pupils feed only (the school's
 * data is untouched, as when an iSAMS report misbehaves); `restore-feeds` mends it;
 * `summer-rollover` jumps to September of the next academic year; `reset` (handled by the school)
 * goes back to the generated school.
 */
export const SCENARIOS = ['empty-pupils', 'truncated-pupils', 'restore-feeds', 'summer-rollover', 'reset'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

export function applyScenario(
  data: SchoolData,
  name: Exclude<ScenarioName, 'reset'>,
): { data: SchoolData; changes: NewChange[] } {
  const note: NewChange = { type: 'scenario', day: data.today, name };
  switch (name) {
    case 'empty-pupils':
      return { data: { ...data, pupilsFeed: 'empty' }, changes: [note] };
    case 'truncated-pupils':
      return { data: { ...data, pupilsFeed: 'truncated-half' }, changes: [note] };
    case 'restore-feeds':
      return { data: { ...data, pupilsFeed: 'complete' }, changes: [note] };
    case 'summer-rollover': {
      const moved = { ...data, today: firstDayOfAcademicYear(data.academicYear + 1), dayNumber: data.dayNumber + 1 };
      const result = applySummerRollover(moved, SeededRandom.derive(data.seed, 'day', moved.dayNumber));
      return { data: result.data, changes: [{ ...note, day: moved.today }, ...result.changes] };
    }
  }
}
