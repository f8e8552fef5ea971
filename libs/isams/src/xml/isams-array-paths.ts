import {
  CONTACT_FIELDS,
  MEDICAL_FIELDS,
  ROOT,
  SIBLING_FIELDS,
  STAFF_FIELDS,
  STRUCTURE_FIELDS,
  TEACHING_FIELDS,
} from '../batch/element-names';
import { SECTIONS } from '../batch/batch-methods';

/**
 * Element paths (dot-joined from the root, as fast-xml-parser's `isArray` sees them) that are
 * always arrays, so a collection with one item is still a collection and a section that appears
 * twice keeps both blocks. Built from element-names.ts: modules, their collections and items, and
 * the collections nested inside items.
 */
type SectionName = keyof typeof SECTIONS;

const NESTED_COLLECTIONS: ReadonlyArray<readonly [SectionName, readonly [string, string]]> = [
  ['ContactAdvanced_GetContacts', CONTACT_FIELDS.pupils],
  ['HumanResources_GetCurrentStaff', STAFF_FIELDS.roles],
  ['HumanResources_GetCurrentStaff', STAFF_FIELDS.divisions],
  ['Teaching_GetDepartmentsAndSubjects', TEACHING_FIELDS.subjects],
  ['Teaching_GetTeachingSets', TEACHING_FIELDS.teachers],
  ['Pupil_GetCurrentPupilsHealth', MEDICAL_FIELDS.conditions],
  ['Pupil_GetCurrentPupilsHealth', MEDICAL_FIELDS.allergies],
  ['Pupil_GetCurrentPupilsHealth', MEDICAL_FIELDS.medications],
  ['Pupil_GetSiblings', SIBLING_FIELDS.siblings],
  ['School_GetSchoolDivisions', STRUCTURE_FIELDS.divisionYears],
];

function buildArrayPaths(): ReadonlySet<string> {
  const paths = new Set<string>();
  for (const [module, collection, item] of Object.values(SECTIONS)) {
    paths.add([ROOT, module].join('.'));
    paths.add([ROOT, module, collection].join('.'));
    paths.add([ROOT, module, collection, item].join('.'));
  }
  for (const [section, [container, item]] of NESTED_COLLECTIONS) {
    const itemPath = [ROOT, ...SECTIONS[section]].join('.');
    paths.add(`${itemPath}.${container}.${item}`);
  }
  return paths;
}

export const ISAMS_ARRAY_PATHS: ReadonlySet<string> = buildArrayPaths();

export function isIsamsArrayPath(path: string): boolean {
  return ISAMS_ARRAY_PATHS.has(path);
}
