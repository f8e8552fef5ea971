import { ID_ATTRIBUTES, MEDICAL_FIELDS, MEDICAL_ITEM_FIELDS, SECTIONS } from '@isams-sync/isams';
import type { MedicalItem, SimulatedMedicalRecord } from '../../model/school-data';
import { close, collection, element, open } from '../../xml/xml-text';
import type { RenderContext } from '../render-context';

function items(
  depth: number,
  [listName, itemName]: readonly [string, string],
  entries: readonly MedicalItem[],
  detailName: string,
): string {
  let out = open(depth, listName);
  for (const entry of entries) {
    out +=
      open(depth + 1, itemName) +
      element(depth + 2, MEDICAL_ITEM_FIELDS.name, entry.name) +
      element(depth + 2, MEDICAL_ITEM_FIELDS.severity, entry.severity) +
      element(depth + 2, detailName, entry.detail) +
      close(depth + 1, itemName);
  }
  return out + close(depth, listName);
}

function medicalRecord(record: SimulatedMedicalRecord, depth: number): string {
  const d = depth + 1;
  const [medicationsName, medicationName] = MEDICAL_FIELDS.medications;
  let out =
    open(depth, SECTIONS.Pupil_GetCurrentPupilsHealth[2], { [ID_ATTRIBUTES.id]: record.id }) +
    element(d, MEDICAL_FIELDS.schoolId, record.schoolId) +
    items(d, MEDICAL_FIELDS.conditions, record.conditions, MEDICAL_ITEM_FIELDS.notes) +
    items(d, MEDICAL_FIELDS.allergies, record.allergies, MEDICAL_ITEM_FIELDS.reaction) +
    open(d, medicationsName);
  for (const medication of record.medications) {
    out +=
      open(d + 1, medicationName) +
      element(d + 2, MEDICAL_ITEM_FIELDS.name, medication.name) +
      element(d + 2, MEDICAL_ITEM_FIELDS.dosage, medication.dosage) +
      close(d + 1, medicationName);
  }
  return (
    out +
    close(d, medicationsName) +
    element(d, MEDICAL_FIELDS.dietaryRequirements, record.dietaryRequirements) +
    element(d, MEDICAL_FIELDS.notes, record.notes) +
    close(depth, SECTIONS.Pupil_GetCurrentPupilsHealth[2])
  );
}

/** Medical records exist only for schools that opted in; otherwise the collection is empty. */
export function* medicalSection({ data }: RenderContext, depth: number): Generator<string> {
  yield* collection(
    depth,
    SECTIONS.Pupil_GetCurrentPupilsHealth[1],
    (data.medical ?? []).map((record) => medicalRecord(record, depth + 1)),
  );
}
