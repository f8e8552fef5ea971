import { ID_ATTRIBUTES } from '@isams-sync/isams';
import type { RecordQuirks, SchoolData, StaffRecord } from '../model/school-data';
import type { BatchFilters } from './batch-filters';

/** What a section renderer sees: the school as of the (possibly cached) answer, and the request's filters. */
export interface RenderContext {
  data: SchoolData;
  filters: BatchFilters;
}

/** Renders one method's collection(s), records at `depth + 1`. Lazy: records are produced as they are written. */
export type SectionRenderer = (context: RenderContext, depth: number) => Iterable<string>;

/** The id attribute, spelt `id` on the records that carry that quirk. */
export function idAttribute(record: RecordQuirks, value: number | string): Record<string, number | string> {
  return { [record.lowerCaseId ? ID_ATTRIBUTES.id.toLowerCase() : ID_ATTRIBUTES.id]: value };
}

/**
 * Element and attribute names the sync does not know and must ignore. They stand for the many extra
 * fields a real key returns; keep them out of element-names.ts on purpose.
 */
export const UNKNOWN_NAMES = {
  rowVersionAttribute: 'RowVersion',
  nationalities: ['Nationalities', 'Nationality'],
  languageElement: 'FirstLanguage',
  customFieldElement: 'CustomField1',
  staffPayrollElement: 'PayrollNumber',
} as const;

const staffIndexes = new WeakMap<SchoolData, ReadonlyMap<number, StaffRecord>>();

/** Staff by id, built once per school state (renderers look tutors and teachers up per record). */
export function staffById(data: SchoolData): ReadonlyMap<number, StaffRecord> {
  let index = staffIndexes.get(data);
  if (!index) {
    index = new Map(data.staff.map((member) => [member.id, member]));
    staffIndexes.set(data, index);
  }
  return index;
}
