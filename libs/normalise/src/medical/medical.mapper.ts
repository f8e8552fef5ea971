import type { MedicalAllergy, MedicalCondition, MedicalMedication, MedicalRecord } from '@isams-sync/contracts';
import {
  BATCH_METHODS,
  ID_ATTRIBUTES,
  MEDICAL_FIELDS,
  MEDICAL_ITEM_FIELDS,
  descendants,
  type XmlElement,
  type XmlNode,
} from '@isams-sync/isams';
import { FINDING_KINDS, FindingCollector } from '../findings/finding.collector';
import type { MappingResult } from '../mapping-result';
import { RecordCollector } from '../records/record.collector';
import { setIfPresent } from '../records/set-if-present';
import { fieldText, idOf, isLegacy, recordRef } from '../reading/element-reader';
import { readSection } from '../reading/section-reader';

/**
 * `MedicalManager/PupilMedicalRecords/PupilMedicalRecord` → medical records (special-category
 * data). Findings name records by ids only and never quote conditions, allergies or notes.
 */
export function mapMedical(root: XmlElement, findings = new FindingCollector('medical')): MappingResult<MedicalRecord> {
  const section = readSection(root, BATCH_METHODS.medical);
  const records = new RecordCollector<MedicalRecord>(findings);
  section.items.forEach((item, index) => {
    const isamsId = idOf(item, ID_ATTRIBUTES.id);
    const studentId = idOf(item, MEDICAL_FIELDS.schoolId);
    const ref = recordRef(section.itemPath, index + 1, { Id: isamsId, SchoolId: studentId });
    if (isamsId === undefined || studentId === undefined) {
      findings.error(FINDING_KINDS.missingId, {
        recordRef: ref,
        message: `medical record has no ${isamsId === undefined ? 'Id' : 'SchoolId'}; it was not imported`,
        fix: "Check the pupil's medical record in iSAMS; report it to iSAMS support if the Batch output lacks the id.",
      });
      return;
    }
    const record: MedicalRecord = {
      type: 'medical',
      isamsId,
      studentId,
      conditions: namedItems(item, MEDICAL_FIELDS.conditions, ref, findings, (entry, name) => {
        const condition: MedicalCondition = { name };
        setIfPresent(condition, 'severity', fieldText(entry, MEDICAL_ITEM_FIELDS.severity));
        setIfPresent(condition, 'notes', fieldText(entry, MEDICAL_ITEM_FIELDS.notes));
        return condition;
      }),
      allergies: namedItems(item, MEDICAL_FIELDS.allergies, ref, findings, (entry, name) => {
        const allergy: MedicalAllergy = { name };
        setIfPresent(allergy, 'severity', fieldText(entry, MEDICAL_ITEM_FIELDS.severity));
        setIfPresent(allergy, 'reaction', fieldText(entry, MEDICAL_ITEM_FIELDS.reaction));
        return allergy;
      }),
      medications: namedItems(item, MEDICAL_FIELDS.medications, ref, findings, (entry, name) => {
        const medication: MedicalMedication = { name };
        setIfPresent(medication, 'dosage', fieldText(entry, MEDICAL_ITEM_FIELDS.dosage));
        return medication;
      }),
    };
    setIfPresent(record, 'dietaryRequirements', fieldText(item, MEDICAL_FIELDS.dietaryRequirements));
    setIfPresent(record, 'notes', fieldText(item, MEDICAL_FIELDS.notes));
    records.add(record, ref);
  });
  return { records: records.records, findings: findings.findings };
}

function namedItems<T>(
  record: XmlNode,
  path: readonly [string, string],
  ref: string,
  findings: FindingCollector,
  build: (entry: XmlNode, name: string) => T,
): T[] {
  const items: T[] = [];
  for (const entry of descendants(record, path)) {
    if (isLegacy(entry)) continue;
    const name = fieldText(entry, MEDICAL_ITEM_FIELDS.name);
    if (name === undefined) {
      findings.warning(FINDING_KINDS.missingField, {
        recordRef: ref,
        message: `an entry of ${path.join('/')} has no ${MEDICAL_ITEM_FIELDS.name}; it was ignored`,
        fix: "Complete the entry in the pupil's medical record in iSAMS.",
      });
      continue;
    }
    items.push(build(entry, name));
  }
  return items;
}
