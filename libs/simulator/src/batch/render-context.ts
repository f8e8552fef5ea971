import { ID_ATTRIBUTES } from '@isams-sync/isams';
import type { RecordQuirks, SchoolData, SimulatedStaffMember } from '../model/school-data';
import { element } from '../xml/xml-text';
import type { BatchFilters } from './batch-filters';
import { WIRE_PROFILES, type WireProfile } from './wire-profile';

/** What a section renderer sees: the school as of the (possibly cached) answer, the request's filters and the wire profile. */
export interface RenderContext {
  data: SchoolData;
  filters: BatchFilters;
  profile: WireProfile;
}

export function renderContext(
  data: SchoolData,
  filters: BatchFilters,
  profile: WireProfile = WIRE_PROFILES.real,
): RenderContext {
  return { data, filters, profile };
}

/** Renders one method's collection(s), records at `depth + 1`. Lazy: records are produced as they are written. */
export type SectionRenderer = (context: RenderContext, depth: number) => Iterable<string>;

/** The id attribute, spelt `id` on the records that carry that quirk when the profile writes it. */
export function idAttribute(
  profile: WireProfile,
  record: RecordQuirks,
  value: number | string,
): Record<string, number | string> {
  return { [profile.lowerCaseIds && record.lowerCaseId ? ID_ATTRIBUTES.id.toLowerCase() : ID_ATTRIBUTES.id]: value };
}

/** A whitespace-only value as the profile writes it: kept (hostile, `&#x20;`) or empty. */
export function spaced(profile: WireProfile, value: string): string {
  return !profile.whitespaceEntities && value !== '' && value.trim() === '' ? '' : value;
}

/**
 * A typed value (date, number) that may be empty: left out in the real profile, as XmlSerializer
 * clients cannot read `<LeavingDate/>`; written empty in the hostile one.
 */
export function optionalElement(
  profile: WireProfile,
  depth: number,
  name: string,
  value: string | number | undefined,
): string {
  if ((value === undefined || value === '') && !profile.emptyElements) return '';
  return element(depth, name, value);
}

/**
 * Element and attribute names the sync does not know and must ignore. They stand for the many extra
 * fields a real key returns; keep them out of element-names.ts on purpose.
 */
export const UNKNOWN_NAMES = {
  rowVersionAttribute: 'RowVersion',
  languageElement: 'FirstLanguage',
  customFieldElement: 'CustomField1',
  staffPayrollElement: 'PayrollNumber',
} as const;

const staffIndexes = new WeakMap<SchoolData, ReadonlyMap<number, SimulatedStaffMember>>();

/** Staff by id, built once per school state (renderers look tutors and teachers up per record). */
export function staffById(data: SchoolData): ReadonlyMap<number, SimulatedStaffMember> {
  let index = staffIndexes.get(data);
  if (!index) {
    index = new Map(data.staff.map((member) => [member.id, member]));
    staffIndexes.set(data, index);
  }
  return index;
}
