import { CONTACT_ADDRESS_FIELDS, CONTACT_FIELDS, CONTACT_FLAGS, ID_ATTRIBUTES, SECTIONS } from '@isams-sync/isams';
import type { SimulatedContact } from '../../model/school-data';
import { close, collection, element, flag, open } from '../../xml/xml-text';
import type { ContactFilters } from '../batch-filters';
import { idAttribute, spaced, UNKNOWN_NAMES, type RenderContext } from '../render-context';
import type { WireProfile } from '../wire-profile';

const [, CONTACTS, CONTACT] = SECTIONS.ContactAdvanced_GetContacts;

/**
 * Applies the `<StudentManager><Contacts …/>` filters: contact types match RelationshipRaw
 * case-insensitively; system statuses keep only links to pupils with those statuses, and a contact
 * left with no links is not returned.
 */
export function filterContact(
  contact: SimulatedContact,
  filters: ContactFilters | undefined,
): SimulatedContact | undefined {
  if (!filters) return contact;
  if (
    filters.contactTypes &&
    !filters.contactTypes.some((type) => type.toLowerCase() === contact.relationship.trim().toLowerCase())
  )
    return undefined;
  if (filters.systemStatuses) {
    const statuses = filters.systemStatuses;
    const pupils = contact.pupils.filter((link) => statuses.includes(link.status));
    if (pupils.length === 0) return undefined;
    return pupils.length === contact.pupils.length ? contact : { ...contact, pupils };
  }
  return contact;
}

function contactRecord(profile: WireProfile, contact: SimulatedContact, depth: number): string {
  const d = depth + 1;
  let out =
    open(depth, CONTACT, { ...idAttribute(profile, contact, contact.id), [ID_ATTRIBUTES.personId]: contact.personId }) +
    element(d, CONTACT_FIELDS.title, contact.title) +
    element(d, CONTACT_FIELDS.forename, contact.forename) +
    element(d, CONTACT_FIELDS.surname, contact.surname) +
    element(d, CONTACT_FIELDS.email, contact.email) +
    element(d, CONTACT_FIELDS.mobile, contact.mobile) +
    element(d, CONTACT_FIELDS.telephone, spaced(profile, contact.telephone)) +
    element(d, CONTACT_FIELDS.relationship, contact.relationship) +
    element(d, CONTACT_ADDRESS_FIELDS.address1, contact.address1) +
    element(d, CONTACT_ADDRESS_FIELDS.address2, contact.address2) +
    element(d, CONTACT_ADDRESS_FIELDS.town, contact.town) +
    element(d, CONTACT_ADDRESS_FIELDS.county, contact.county) +
    element(d, CONTACT_ADDRESS_FIELDS.postcode, contact.postcode) +
    element(d, CONTACT_ADDRESS_FIELDS.country, contact.country) +
    element(d, CONTACT_FLAGS.contactOnly, flag(contact.flags.contactOnly)) +
    element(d, CONTACT_FLAGS.allMerges, flag(contact.flags.allMerges)) +
    element(d, CONTACT_FLAGS.correspondence, flag(contact.flags.correspondence)) +
    element(d, CONTACT_FLAGS.reports, flag(contact.flags.reports)) +
    element(d, CONTACT_FLAGS.billing, flag(contact.flags.billing)) +
    element(d, CONTACT_FLAGS.studentHome, flag(contact.flags.studentHome)) +
    element(d, CONTACT_FLAGS.parentalResponsibility, contact.flags.parentalResponsibility) +
    element(d, UNKNOWN_NAMES.customFieldElement, '');
  const [pupilsName, pupilName] = CONTACT_FIELDS.pupils;
  out += open(d, pupilsName);
  for (const link of contact.pupils) {
    out +=
      open(d + 1, pupilName, { [ID_ATTRIBUTES.id]: link.pupilId }) +
      element(d + 2, CONTACT_FIELDS.pupilSchoolId, link.schoolId) +
      element(d + 2, CONTACT_FIELDS.pupilStatus, link.status) +
      close(d + 1, pupilName);
  }
  return out + close(d, pupilsName) + close(depth, CONTACT);
}

export function* contactsSection({ data, filters, profile }: RenderContext, depth: number): Generator<string> {
  yield* collection(
    depth,
    CONTACTS,
    (function* () {
      for (const contact of data.contacts) {
        const kept = filterContact(contact, filters.contacts);
        if (kept) yield contactRecord(profile, kept, depth + 1);
      }
    })(),
  );
}
