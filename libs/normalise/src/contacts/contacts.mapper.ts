import type { ContactRecord } from '@isams-sync/contracts';
import {
  BATCH_METHODS,
  CONTACT_FIELDS,
  CONTACT_FLAGS,
  ID_ATTRIBUTES,
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
import { INVALID, cleanFlag, cleanParentalResponsibility } from '../reading/value-cleaning';

/**
 * `PupilManager/Contacts/Contact` → contact records. Linked pupils come from
 * `Pupils/Pupil/SchoolId`; the mail-merge flags and parental responsibility from the elements
 * CONTACT_FLAGS names (UNCONFIRMED names: if a flag is missing from every contact, a warning says
 * so, because the default contact filter would then exclude everyone).
 */
export function mapContacts(
  root: XmlElement,
  findings = new FindingCollector('contacts'),
): MappingResult<ContactRecord> {
  const section = readSection(root, BATCH_METHODS.contacts);
  const contacts = new RecordCollector<ContactRecord>(findings);
  const flagSeen = { allMerges: false, correspondence: false };
  section.items.forEach((item, index) => {
    const ref = recordRef(section.itemPath, index + 1, { Id: idOf(item, ID_ATTRIBUTES.id) });
    if (fieldText(item, CONTACT_FLAGS.allMerges) !== undefined) flagSeen.allMerges = true;
    if (fieldText(item, CONTACT_FLAGS.correspondence) !== undefined) flagSeen.correspondence = true;
    const contact = mapContact(item, ref, findings);
    if (contact) contacts.add(contact, ref);
  });
  if (section.items.length > 0) {
    for (const [flag, seen] of Object.entries(flagSeen)) {
      if (seen) continue;
      const element = CONTACT_FLAGS[flag as keyof typeof flagSeen];
      findings.warning(FINDING_KINDS.missingField, {
        message: `no contact carries ${element}, so every contact reads as not ticked for that mail option and the default contact filter would import none`,
        fix: `Check that the contacts Batch key returns the mail-merge options; if iSAMS names the element differently, correct CONTACT_FLAGS in libs/isams/src/batch/element-names.ts.`,
      });
    }
  }
  return { records: contacts.records, findings: findings.findings };
}

function mapContact(item: XmlNode, ref: string, findings: FindingCollector): ContactRecord | undefined {
  const isamsId = idOf(item, ID_ATTRIBUTES.id);
  if (isamsId === undefined) {
    findings.error(FINDING_KINDS.missingId, {
      recordRef: ref,
      message: 'contact has no Id attribute; it was not imported',
      fix: 'Check the contact in iSAMS Pupil Manager (Contacts); report it to iSAMS support if the Batch output lacks its Id.',
    });
    return undefined;
  }
  const contact: ContactRecord = {
    type: 'contact',
    isamsId,
    studentIds: linkedStudentIds(item, ref, findings),
    mailMerge: flag(item, CONTACT_FLAGS.allMerges, ref, findings),
    correspondence: flag(item, CONTACT_FLAGS.correspondence, ref, findings),
  };
  setIfPresent(contact, 'personId', attributeText(item, ID_ATTRIBUTES.personId));
  setIfPresent(contact, 'relationType', fieldText(item, CONTACT_FIELDS.relationship));
  setIfPresent(contact, 'title', fieldText(item, CONTACT_FIELDS.title));
  setIfPresent(contact, 'forename', fieldText(item, CONTACT_FIELDS.forename));
  setIfPresent(contact, 'surname', fieldText(item, CONTACT_FIELDS.surname));
  setIfPresent(contact, 'email', fieldText(item, CONTACT_FIELDS.email));
  setIfPresent(contact, 'mobile', fieldText(item, CONTACT_FIELDS.mobile));
  const responsibility = cleanParentalResponsibility(fieldText(item, CONTACT_FLAGS.parentalResponsibility));
  if (responsibility === INVALID) {
    findings.warning(FINDING_KINDS.invalidValue, {
      recordRef: ref,
      message: `contact's ${CONTACT_FLAGS.parentalResponsibility} is not Yes, No or Default; left empty`,
      fix: "Set the contact's parental responsibility in iSAMS Pupil Manager (Contacts).",
    });
  } else setIfPresent(contact, 'parentalResponsibility', responsibility);
  if (contact.studentIds.length === 0) {
    findings.warning(FINDING_KINDS.noLinkedPupils, {
      recordRef: ref,
      message: 'contact is linked to no current pupil',
      fix: 'Link the contact to a pupil in iSAMS, or ignore if the family has left.',
    });
  }
  return contact;
}

function linkedStudentIds(item: XmlNode, ref: string, findings: FindingCollector): string[] {
  const ids = new Set<string>();
  for (const pupil of descendants(item, CONTACT_FIELDS.pupils)) {
    const schoolId = idOf(pupil, CONTACT_FIELDS.pupilSchoolId);
    if (schoolId !== undefined) ids.add(schoolId);
    else if (!isLegacy(pupil)) {
      findings.warning(FINDING_KINDS.missingId, {
        recordRef: ref,
        message: `a pupil linked to this contact has no ${CONTACT_FIELDS.pupilSchoolId}; that link was ignored`,
        fix: 'Check the pupil linked to this contact in iSAMS has a School ID.',
      });
    }
  }
  return [...ids].sort();
}

function flag(item: XmlNode, element: string, ref: string, findings: FindingCollector): boolean {
  const value = cleanFlag(fieldText(item, element));
  if (value === INVALID) {
    findings.warning(FINDING_KINDS.invalidValue, {
      recordRef: ref,
      message: `contact's ${element} is neither 1/0 nor True/False; read as not ticked`,
      fix: "Review the contact's mail-merge options in iSAMS Pupil Manager (Contacts).",
    });
    return false;
  }
  return value ?? false;
}
