import {
  DEFAULT_CONTACT_TYPES,
  MAIL_OPTIONS,
  type ContactRecord,
  type MailOption,
  type SchoolConfig,
} from '@isams-sync/contracts';
import { currentChildren, NO_CURRENT_PUPIL, parentLeaverReason } from './rules/parent-leaver.rule';

export type ContactFilter = SchoolConfig['contactFilter'];

/** Why a contact was not imported (counted for the report, not one finding per contact). */
export const CONTACT_EXCLUSION_REASONS = ['contact-type', 'mail-options', 'year-group', NO_CURRENT_PUPIL] as const;
export type ContactExclusionReason = (typeof CONTACT_EXCLUSION_REASONS)[number];

export interface ContactFilterResult {
  included: ContactRecord[];
  excluded: Record<ContactExclusionReason, number>;
}

export const DEFAULT_CONTACT_FILTER: ContactFilter = {
  types: [...DEFAULT_CONTACT_TYPES],
  mailOptions: [...MAIL_OPTIONS],
};

/** "Step Father", " mother " → "step father", "mother": iSAMS relation types are free text. */
function normaliseType(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

const MAIL_OPTION_TICKED: Record<MailOption, (contact: ContactRecord) => boolean> = {
  allMerges: (contact) => contact.mailMerge,
  correspondence: (contact) => contact.correspondence,
};

/**
 * The school's contact rules: only its contact types (case-insensitive), only with one of its mail
 * options ticked, optionally only for pupils in chosen year groups; and only contacts of a current
 * pupil. `yearGroupOf` gives a current pupil's year group display name by SchoolId (undefined for a
 * pupil who is not current). Each excluded contact is counted once, under the first rule it fails.
 */
export function filterContacts(
  contacts: readonly ContactRecord[],
  yearGroupOf: ReadonlyMap<string, string | undefined>,
  filter: ContactFilter = DEFAULT_CONTACT_FILTER,
): ContactFilterResult {
  const types = new Set(filter.types.map(normaliseType));
  const years = filter.yearGroups ? new Set(filter.yearGroups.map(normaliseType)) : undefined;
  const excluded = Object.fromEntries(CONTACT_EXCLUSION_REASONS.map((reason) => [reason, 0])) as Record<
    ContactExclusionReason,
    number
  >;
  const included: ContactRecord[] = [];
  for (const contact of contacts) {
    const reason = exclusionReason(contact, types, filter.mailOptions, years, yearGroupOf);
    if (reason) excluded[reason] += 1;
    else included.push(contact);
  }
  return { included, excluded };
}

function exclusionReason(
  contact: ContactRecord,
  types: ReadonlySet<string>,
  mailOptions: readonly MailOption[],
  years: ReadonlySet<string> | undefined,
  yearGroupOf: ReadonlyMap<string, string | undefined>,
): ContactExclusionReason | undefined {
  if (contact.relationType === undefined || !types.has(normaliseType(contact.relationType))) return 'contact-type';
  if (!mailOptions.some((option) => MAIL_OPTION_TICKED[option](contact))) return 'mail-options';
  const isCurrentPupil = (id: string) => yearGroupOf.has(id);
  const leaver = parentLeaverReason(contact.studentIds, isCurrentPupil);
  if (leaver) return leaver;
  const current = currentChildren(contact.studentIds, isCurrentPupil);
  if (years && !current.some((id) => years.has(normaliseType(yearGroupOf.get(id) ?? '')))) return 'year-group';
  return undefined;
}
