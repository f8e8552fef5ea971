import type { SetRecord, SubjectRecord } from '@isams-sync/contracts';
import {
  BATCH_METHODS,
  ID_ATTRIBUTES,
  TEACHING_FIELDS,
  attributeOf,
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
import { INVALID, cleanFlag, cleanNcYear } from '../reading/value-cleaning';

export type TeachingRecord = SubjectRecord | SetRecord;

/**
 * `TeachingManager` → subjects (from `Departments/Department/Subjects/Subject`) and sets
 * (`Sets/Set` with `Teachers/Teacher@StaffId`), each set given the pupils its `SetLists/SetList`
 * entries name by `PupilId` (the pupil's internal `Id`; the Legacy `SchoolId` child is ignored).
 */
export function mapTeaching(
  root: XmlElement,
  findings = new FindingCollector('teaching'),
): MappingResult<TeachingRecord> {
  const records = new RecordCollector<TeachingRecord>(findings);
  for (const subject of mapSubjects(root, findings)) records.add(subject.record, subject.ref);
  const sets = mapSets(root, findings);
  addSetLists(root, sets, findings);
  for (const { record, ref, pupils } of sets.values()) {
    records.add({ ...record, pupilIds: [...pupils].sort() }, ref);
  }
  return { records: records.records, findings: findings.findings };
}

function mapSubjects(root: XmlElement, findings: FindingCollector): Array<{ record: SubjectRecord; ref: string }> {
  const section = readSection(root, BATCH_METHODS.departments);
  const subjects: Array<{ record: SubjectRecord; ref: string }> = [];
  section.items.forEach((department, departmentIndex) => {
    const departmentName = fieldText(department, TEACHING_FIELDS.departmentName);
    descendants(department, TEACHING_FIELDS.subjects).forEach((subject, index) => {
      const isamsId = idOf(subject, ID_ATTRIBUTES.id);
      const ref = recordRef(
        `${section.itemPath}[${departmentIndex + 1}]/${TEACHING_FIELDS.subjects.join('/')}`,
        index + 1,
        { Id: isamsId },
      );
      if (isamsId === undefined) {
        findings.error(FINDING_KINDS.missingId, {
          recordRef: ref,
          message: 'subject has no Id; it was not imported, and sets cannot name it',
          fix: 'Check the subject in iSAMS Teaching Manager.',
        });
        return;
      }
      const record: SubjectRecord = { type: 'subject', isamsId };
      setIfPresent(record, 'name', fieldText(subject, TEACHING_FIELDS.subjectName));
      setIfPresent(record, 'code', fieldText(subject, TEACHING_FIELDS.subjectCode));
      setIfPresent(record, 'department', departmentName);
      subjects.push({ record, ref });
    });
  });
  return subjects;
}

interface SetUnderConstruction {
  readonly record: Omit<SetRecord, 'pupilIds'>;
  readonly ref: string;
  readonly pupils: Set<string>;
}

function mapSets(root: XmlElement, findings: FindingCollector): Map<string, SetUnderConstruction> {
  const section = readSection(root, BATCH_METHODS.sets);
  const sets = new Map<string, SetUnderConstruction>();
  section.items.forEach((item, index) => {
    const isamsId = idOf(item, ID_ATTRIBUTES.id);
    const ref = recordRef(section.itemPath, index + 1, { Id: isamsId });
    if (isamsId === undefined) {
      findings.error(FINDING_KINDS.missingId, {
        recordRef: ref,
        message: 'set has no Id; it was not imported, and its set list cannot be matched',
        fix: 'Check the set in iSAMS Teaching Manager.',
      });
      return;
    }
    const teachers = teachersOf(item, ref, findings);
    const record: Omit<SetRecord, 'pupilIds'> = { type: 'set', isamsId, teacherIds: teachers.ids };
    setIfPresent(record, 'subjectId', idOf(item, ID_ATTRIBUTES.subjectId));
    const ncYear = cleanNcYear(idOf(item, ID_ATTRIBUTES.yearId));
    if (ncYear === INVALID) {
      findings.warning(FINDING_KINDS.invalidValue, {
        recordRef: ref,
        message: 'set YearId is not a year number; left empty',
        fix: "Check the set's year in iSAMS Teaching Manager.",
      });
    } else setIfPresent(record, 'ncYear', ncYear);
    setIfPresent(record, 'setCode', fieldText(item, TEACHING_FIELDS.setCode));
    setIfPresent(record, 'name', fieldText(item, TEACHING_FIELDS.setName));
    setIfPresent(record, 'primaryTeacherId', teachers.primary);
    if (sets.has(isamsId)) {
      findings.warning(FINDING_KINDS.duplicateRecord, {
        recordRef: ref,
        message: `set ${isamsId} appears more than once; the first was kept`,
        fix: 'Check in iSAMS Teaching Manager why two sets share this id.',
      });
      return;
    }
    sets.set(isamsId, { record, ref, pupils: new Set() });
  });
  return sets;
}

function teachersOf(set: XmlNode, ref: string, findings: FindingCollector): { ids: string[]; primary?: string } {
  const ids = new Set<string>();
  let primary: string | undefined;
  for (const teacher of descendants(set, TEACHING_FIELDS.teachers)) {
    const staffId = idOf(teacher, ID_ATTRIBUTES.staffId);
    if (staffId === undefined) {
      // A Legacy entry repeats an older reference (a staff UserCode) and is expected to lack StaffId.
      if (!isLegacy(teacher)) {
        findings.warning(FINDING_KINDS.missingId, {
          recordRef: ref,
          message: 'a teacher of this set has no StaffId; that teacher was not linked',
          fix: "Check the set's teachers in iSAMS Teaching Manager.",
        });
      }
      continue;
    }
    ids.add(staffId);
    if (primary === undefined && cleanFlag(attributeOf(teacher, ID_ATTRIBUTES.primaryTeacher)) === true)
      primary = staffId;
  }
  return primary === undefined ? { ids: [...ids].sort() } : { ids: [...ids].sort(), primary };
}

function addSetLists(root: XmlElement, sets: Map<string, SetUnderConstruction>, findings: FindingCollector): void {
  const section = readSection(root, BATCH_METHODS.setLists);
  const unknownSets = new Map<string, number>();
  section.items.forEach((item, index) => {
    const setId = idOf(item, ID_ATTRIBUTES.setId);
    // Only the PupilId attribute (or a current PupilId child): the Legacy SchoolId child is another key.
    const pupilId = attributeText(item, ID_ATTRIBUTES.pupilId) ?? fieldText(item, ID_ATTRIBUTES.pupilId);
    const ref = recordRef(section.itemPath, index + 1, { SetId: setId, PupilId: pupilId });
    if (setId === undefined || pupilId === undefined) {
      findings.warning(FINDING_KINDS.missingId, {
        recordRef: ref,
        message: `set list entry has no ${setId === undefined ? 'SetId' : 'PupilId'}; it was ignored`,
        fix: 'Check the set list in iSAMS Teaching Manager.',
      });
      return;
    }
    const set = sets.get(setId);
    if (set) set.pupils.add(pupilId);
    else unknownSets.set(setId, (unknownSets.get(setId) ?? 0) + 1);
  });
  for (const [setId, entries] of unknownSets) {
    findings.warning(FINDING_KINDS.unknownReference, {
      recordRef: `${section.itemPath} SetId=${setId}`,
      message: `${entries} set list ${entries === 1 ? 'entry names' : 'entries name'} set ${setId}, which is not among the sets; ignored`,
      fix: 'Check that the teaching Batch key returns all sets, or that the set still exists in iSAMS Teaching Manager.',
    });
  }
}
