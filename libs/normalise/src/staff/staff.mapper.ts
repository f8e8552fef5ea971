import type { StaffRecord } from '@isams-sync/contracts';
import {
  BATCH_METHODS,
  ID_ATTRIBUTES,
  STAFF_FIELDS,
  descendants,
  type XmlElement,
  type XmlNode,
} from '@isams-sync/isams';
import { FINDING_KINDS, FindingCollector } from '../findings/finding.collector';
import type { MappingResult } from '../mapping-result';
import { RecordCollector } from '../records/record.collector';
import { setIfPresent } from '../records/set-if-present';
import { attributeText, fieldText, idOf, isLegacy, recordRef } from '../reading/element-reader';
import { readSection } from '../reading/section-reader';
import { INVALID, cleanDate, cleanFlag } from '../reading/value-cleaning';

export interface StaffMappingOptions {
  /** The school's local date (YYYY-MM-DD): a LeavingDate before it means the person has left. */
  readonly today: string;
}

/** `HRManager/CurrentStaff/StaffMember` → staff records. */
export function mapStaff(
  root: XmlElement,
  options: StaffMappingOptions,
  findings = new FindingCollector('staff'),
): MappingResult<StaffRecord> {
  assertIsoDate(options.today);
  const section = readSection(root, BATCH_METHODS.currentStaff);
  const staff = new RecordCollector<StaffRecord>(findings);
  section.items.forEach((item, index) => {
    const ref = recordRef(section.itemPath, index + 1, { Id: idOf(item, ID_ATTRIBUTES.id) });
    const member = mapStaffMember(item, ref, options.today, findings);
    if (member) staff.add(member, ref);
  });
  return { records: staff.records, findings: findings.findings };
}

function mapStaffMember(
  item: XmlNode,
  ref: string,
  today: string,
  findings: FindingCollector,
): StaffRecord | undefined {
  const isamsId = idOf(item, ID_ATTRIBUTES.id);
  if (isamsId === undefined) {
    findings.error(FINDING_KINDS.missingId, {
      recordRef: ref,
      message: 'staff member has no Id attribute, which sets and forms use to name teachers and tutors; not imported',
      fix: 'Check the staff member in iSAMS HR Manager; report it to iSAMS support if the Batch output lacks its Id.',
    });
    return undefined;
  }
  const leavingDate = cleanDate(fieldText(item, STAFF_FIELDS.leavingDate));
  if (leavingDate === INVALID) {
    findings.warning(FINDING_KINDS.invalidValue, {
      recordRef: ref,
      message: `staff member's ${STAFF_FIELDS.leavingDate} is not a valid date; treated as still employed`,
      fix: 'Correct the leaving date in iSAMS HR Manager.',
    });
  }
  const hasLeft = leavingDate !== undefined && leavingDate !== INVALID && leavingDate < today;
  const member: StaffRecord = {
    type: 'staff',
    isamsId,
    teaching: teachingFlag(item, ref, findings),
    divisions: divisionNames(item),
    status: hasLeft ? 'left' : 'current',
  };
  setIfPresent(member, 'personGuid', attributeText(item, ID_ATTRIBUTES.personGuid));
  setIfPresent(member, 'userCode', fieldText(item, STAFF_FIELDS.userCode));
  setIfPresent(member, 'title', fieldText(item, STAFF_FIELDS.title));
  setIfPresent(member, 'forename', fieldText(item, STAFF_FIELDS.forename));
  setIfPresent(member, 'preferredName', fieldText(item, STAFF_FIELDS.preferredName));
  setIfPresent(member, 'surname', fieldText(item, STAFF_FIELDS.surname));
  setIfPresent(member, 'email', fieldText(item, STAFF_FIELDS.email));
  if (leavingDate !== INVALID) setIfPresent(member, 'leavingDate', leavingDate);
  return member;
}

function teachingFlag(item: XmlNode, ref: string, findings: FindingCollector): boolean {
  const value = cleanFlag(fieldText(item, STAFF_FIELDS.teaching));
  if (value === INVALID) {
    findings.warning(FINDING_KINDS.invalidValue, {
      recordRef: ref,
      message: `staff member's ${STAFF_FIELDS.teaching} is neither 1/0 nor True/False; read as non-teaching`,
      fix: 'Set whether the person is teaching staff in iSAMS HR Manager.',
    });
    return false;
  }
  return value ?? false;
}

function divisionNames(item: XmlNode): string[] {
  const names = new Set<string>();
  for (const division of descendants(item, STAFF_FIELDS.divisions)) {
    if (isLegacy(division)) continue;
    const name = fieldText(division, STAFF_FIELDS.divisionName);
    if (name !== undefined) names.add(name);
  }
  return [...names].sort();
}

function assertIsoDate(today: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`today must be a YYYY-MM-DD date, got "${today}"`);
}
