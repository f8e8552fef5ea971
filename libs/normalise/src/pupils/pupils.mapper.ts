import type { StudentRecord, YearGroupRecord } from '@isams-sync/contracts';
import { BATCH_METHODS, ID_ATTRIBUTES, PUPIL_FIELDS, type XmlElement, type XmlNode } from '@isams-sync/isams';
import { FINDING_KINDS, FindingCollector } from '../findings/finding.collector';
import { RecordCollector } from '../records/record.collector';
import { attributeText, fieldText, idOf, recordRef } from '../reading/element-reader';
import { readSection } from '../reading/section-reader';
import { INVALID, cleanDate, cleanNcYear } from '../reading/value-cleaning';
import type { MappingResult } from '../mapping-result';
import { setIfPresent } from '../records/set-if-present';

/** The school structure a pupils mapping may use: year display names by NC year. */
export interface StructureContext {
  readonly yearGroups: readonly YearGroupRecord[];
}

export interface PupilsMappingOptions {
  /** When given, each student gets its year's display name as `yearGroup`; otherwise it is absent. */
  readonly structure?: StructureContext;
}

/** `PupilManager/CurrentPupils/Pupil` → student records (every CurrentPupils block merged). */
export function mapPupils(
  root: XmlElement,
  options: PupilsMappingOptions = {},
  findings = new FindingCollector('pupils'),
): MappingResult<StudentRecord> {
  const section = readSection(root, BATCH_METHODS.currentPupils);
  const yearNames = options.structure ? yearNamesByNcYear(options.structure.yearGroups) : undefined;
  const students = new RecordCollector<StudentRecord>(findings);
  section.items.forEach((item, index) => {
    const ref = recordRef(section.itemPath, index + 1, {
      Id: attributeText(item, ID_ATTRIBUTES.id),
      SchoolId: idOf(item, PUPIL_FIELDS.schoolId),
    });
    const student = mapPupil(item, ref, findings, yearNames);
    if (student) students.add(student, ref);
  });
  return { records: students.records, findings: findings.findings };
}

function mapPupil(
  item: XmlNode,
  ref: string,
  findings: FindingCollector,
  yearNames?: ReadonlyMap<number, string>,
): StudentRecord | undefined {
  const isamsId = idOf(item, PUPIL_FIELDS.schoolId);
  if (isamsId === undefined) {
    findings.error(FINDING_KINDS.missingId, {
      recordRef: ref,
      message: 'pupil has no SchoolId, the key every other dataset links pupils by; it was not imported',
      fix: 'In iSAMS Pupil Manager, give the pupil a School ID.',
    });
    return undefined;
  }
  const student: StudentRecord = { type: 'student', isamsId };
  const pupilId = attributeText(item, ID_ATTRIBUTES.id);
  if (pupilId !== undefined) student.pupilId = pupilId;
  else {
    findings.warning(FINDING_KINDS.missingId, {
      recordRef: ref,
      message: 'pupil has no Id attribute, so teaching set lists cannot name it; it gets no sets',
      fix: 'Check the Batch API output for this pupil in iSAMS; report it to iSAMS support if the Id is missing.',
    });
  }
  setIfPresent(student, 'schoolCode', fieldText(item, PUPIL_FIELDS.schoolCode));
  setIfPresent(student, 'personGuid', attributeText(item, ID_ATTRIBUTES.personGuid));
  setIfPresent(student, 'forename', fieldText(item, PUPIL_FIELDS.forename));
  setIfPresent(student, 'preferredName', fieldText(item, PUPIL_FIELDS.preferredName));
  setIfPresent(student, 'middleNames', fieldText(item, PUPIL_FIELDS.middleNames));
  setIfPresent(student, 'surname', fieldText(item, PUPIL_FIELDS.surname));
  setIfPresent(student, 'email', fieldText(item, PUPIL_FIELDS.email));
  setIfPresent(student, 'gender', fieldText(item, PUPIL_FIELDS.gender));
  const dateOfBirth = cleanDate(fieldText(item, PUPIL_FIELDS.dateOfBirth));
  if (dateOfBirth === INVALID) {
    findings.warning(FINDING_KINDS.invalidValue, {
      recordRef: ref,
      message: `pupil's ${PUPIL_FIELDS.dateOfBirth} is not a valid date; left empty`,
      fix: "Correct the pupil's date of birth in iSAMS Pupil Manager.",
    });
  } else if (dateOfBirth !== undefined) student.dateOfBirth = dateOfBirth;
  const ncYear = cleanNcYear(fieldText(item, PUPIL_FIELDS.ncYear));
  if (ncYear === INVALID) {
    findings.warning(FINDING_KINDS.invalidValue, {
      recordRef: ref,
      message: `pupil's ${PUPIL_FIELDS.ncYear} is not a year number; the pupil gets no year group`,
      fix: "Set the pupil's NC year in iSAMS Pupil Manager.",
    });
  } else if (ncYear !== undefined) {
    student.ncYear = ncYear;
    if (yearNames) {
      const yearGroup = yearNames.get(ncYear);
      if (yearGroup !== undefined) student.yearGroup = yearGroup;
      else {
        findings.warning(FINDING_KINDS.unknownReference, {
          recordRef: ref,
          message: `pupil is in NC year ${ncYear}, which is not among the school's years (or has no display name); the pupil gets no year group`,
          fix: 'In iSAMS School Manager, check the year exists with a name, and that the structure Batch key returns it.',
        });
      }
    }
  }
  setIfPresent(student, 'form', fieldText(item, PUPIL_FIELDS.form));
  setIfPresent(student, 'academicHouse', fieldText(item, PUPIL_FIELDS.academicHouse));
  setIfPresent(student, 'boardingHouse', fieldText(item, PUPIL_FIELDS.boardingHouse));
  setIfPresent(student, 'familyId', fieldText(item, PUPIL_FIELDS.familyId));
  return student;
}

/** NC year → display name; the first year wins when two share an NC year (mapStructure reports it). */
export function yearNamesByNcYear(yearGroups: readonly YearGroupRecord[]): ReadonlyMap<number, string> {
  const names = new Map<number, string>();
  for (const year of yearGroups) {
    if (year.ncYear !== undefined && year.name !== undefined && !names.has(year.ncYear))
      names.set(year.ncYear, year.name);
  }
  return names;
}
