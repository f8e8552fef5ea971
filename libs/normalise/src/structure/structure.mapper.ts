import type { FormRecord, HouseRecord, YearGroupRecord } from '@isams-sync/contracts';
import { BATCH_METHODS, ID_ATTRIBUTES, STRUCTURE_FIELDS, type XmlElement, type XmlNode } from '@isams-sync/isams';
import { FINDING_KINDS, FindingCollector } from '../findings/finding.collector';
import type { MappingResult } from '../mapping-result';
import { RecordCollector } from '../records/record.collector';
import { setIfPresent } from '../records/set-if-present';
import { attributeText, fieldText, idOf, recordRef } from '../reading/element-reader';
import { readSection, type SectionMethod } from '../reading/section-reader';
import { INVALID, cleanNcYear } from '../reading/value-cleaning';

export type StructureRecord = YearGroupRecord | FormRecord | HouseRecord;

/**
 * `SchoolManager` → year groups (`Years/Year`), forms (`Forms/Form`) and houses (academic and
 * boarding). Divisions and terms are read by nothing downstream yet, so they map to no record.
 */
export function mapStructure(
  root: XmlElement,
  findings = new FindingCollector('structure'),
): MappingResult<StructureRecord> {
  const records = new RecordCollector<StructureRecord>(findings);
  mapYears(root, records, findings);
  mapForms(root, records, findings);
  mapHouses(root, BATCH_METHODS.academicHouses, 'academic', records, findings);
  mapHouses(root, BATCH_METHODS.boardingHouses, 'boarding', records, findings);
  return { records: records.records, findings: findings.findings };
}

function mapYears(root: XmlElement, records: RecordCollector<StructureRecord>, findings: FindingCollector): void {
  const section = readSection(root, BATCH_METHODS.years);
  const ncYearsByName = new Map<string, string[]>();
  section.items.forEach((item, index) => {
    const isamsId = idOf(item, ID_ATTRIBUTES.id);
    const ref = recordRef(section.itemPath, index + 1, { Id: isamsId });
    if (isamsId === undefined) return missingId(findings, ref, 'year');
    const year: YearGroupRecord = { type: 'yearGroup', isamsId };
    const ncYear = cleanNcYear(isamsId);
    if (ncYear === INVALID) {
      findings.warning(FINDING_KINDS.invalidValue, {
        recordRef: ref,
        message: 'year Id is not a year number; pupils cannot be matched to it',
        fix: 'Check the year in iSAMS School Manager.',
      });
    } else setIfPresent(year, 'ncYear', ncYear);
    setIfPresent(year, 'name', fieldText(item, STRUCTURE_FIELDS.name));
    setIfPresent(year, 'code', fieldText(item, STRUCTURE_FIELDS.code));
    if (year.name === undefined) {
      findings.warning(FINDING_KINDS.missingField, {
        recordRef: ref,
        message: 'year has no display Name, which SchoolsBuddy year groups are keyed by; its pupils get no year group',
        fix: 'Give the year a name in iSAMS School Manager.',
      });
    } else ncYearsByName.set(year.name, [...(ncYearsByName.get(year.name) ?? []), isamsId]);
    records.add(year, ref);
  });
  for (const [, ids] of ncYearsByName) {
    if (ids.length < 2) continue;
    findings.warning(FINDING_KINDS.duplicateName, {
      recordRef: `${section.itemPath} Id=${ids.join(',')}`,
      message: `years ${ids.join(', ')} share one display name, so SchoolsBuddy makes them a single year group`,
      fix: 'Nothing to do if that is intended (e.g. two campuses); otherwise rename one of the years in iSAMS School Manager.',
    });
  }
}

function mapForms(root: XmlElement, records: RecordCollector<StructureRecord>, findings: FindingCollector): void {
  const section = readSection(root, BATCH_METHODS.forms);
  section.items.forEach((item, index) => {
    // The form's Id attribute is its name; the `Form` child repeats it.
    const isamsId = attributeText(item, ID_ATTRIBUTES.id) ?? fieldText(item, STRUCTURE_FIELDS.formName);
    const ref = recordRef(section.itemPath, index + 1, { Id: isamsId });
    if (isamsId === undefined) return missingId(findings, ref, 'form');
    const form: FormRecord = { type: 'form', isamsId, name: fieldText(item, STRUCTURE_FIELDS.formName) ?? isamsId };
    const ncYear = cleanNcYear(idOf(item, ID_ATTRIBUTES.yearId));
    if (ncYear === INVALID) {
      findings.warning(FINDING_KINDS.invalidValue, {
        recordRef: ref,
        message: 'form YearId is not a year number; left empty',
        fix: "Check the form's year in iSAMS School Manager.",
      });
    } else setIfPresent(form, 'ncYear', ncYear);
    setIfPresent(form, 'tutorId', idOf(item, ID_ATTRIBUTES.tutorId));
    records.add(form, ref);
  });
}

function mapHouses(
  root: XmlElement,
  method: SectionMethod,
  kind: HouseRecord['kind'],
  records: RecordCollector<StructureRecord>,
  findings: FindingCollector,
): void {
  const section = readSection(root, method);
  section.items.forEach((item: XmlNode, index) => {
    const isamsId = idOf(item, ID_ATTRIBUTES.id);
    const ref = recordRef(section.itemPath, index + 1, { Id: isamsId });
    if (isamsId === undefined) return missingId(findings, ref, `${kind} house`);
    const house: HouseRecord = { type: 'house', isamsId, kind };
    setIfPresent(house, 'name', fieldText(item, STRUCTURE_FIELDS.name));
    setIfPresent(house, 'code', fieldText(item, STRUCTURE_FIELDS.code));
    setIfPresent(house, 'houseMasterId', idOf(item, ID_ATTRIBUTES.houseMasterId));
    records.add(house, ref);
  });
}

function missingId(findings: FindingCollector, ref: string, what: string): void {
  findings.error(FINDING_KINDS.missingId, {
    recordRef: ref,
    message: `${what} has no Id; it was not imported`,
    fix: `Check the ${what} in iSAMS School Manager; report it to iSAMS support if the Batch output lacks its Id.`,
  });
}
