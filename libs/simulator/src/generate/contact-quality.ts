import { casesFor, type DataQualityRates } from '../model/data-quality-rates';
import type { SimulatedContact, SimulatedStaffMember } from '../model/school-data';
import type { SeededRandom } from '../random/seeded-random';
import { asciiSlug } from './ascii-name';
import { isParental } from './contacts.generator';

/** Which records carry each data-quality problem, as generated (tests use it to predict findings). */
export interface QualityCases {
  contactsWithoutEmail: readonly number[];
  invalidContactEmails: readonly number[];
  /** pairs of contact ids: two parents, one family email */
  sharedFamilyEmails: readonly (readonly [number, number])[];
  /** a member of staff who is also a parent, same email on both records */
  staffParents: readonly { staffId: number; contactId: number; email: string }[];
  /** pairs of contact ids in different families sharing an email: not the same person */
  sameEmailDifferentPeople: readonly (readonly [number, number])[];
  /** SchoolIds of pupils old enough for an email who have none */
  pupilsWithoutEmail: readonly string[];
}

function invalidVariant(rng: SeededRandom, email: string): string {
  const [local, domain] = email.split('@');
  return rng.pick([
    `${local}@${domain.split('.')[0]}`,
    `${local.replace('.', ' ')}@${domain}`,
    `${local}@@${domain}`,
    `${local}.${domain}`,
    'n/a',
    `${local}@${domain},`,
  ]);
}

/** Family key: contacts linked to exactly the same pupils are one family. */
function familyOf(contact: SimulatedContact): string {
  return contact.pupils
    .map((link) => link.pupilId)
    .sort((a, b) => a - b)
    .join(',');
}

export function applyContactQuality(
  rng: SeededRandom,
  contacts: readonly SimulatedContact[],
  staff: readonly SimulatedStaffMember[],
  rates: DataQualityRates,
): { contacts: SimulatedContact[]; cases: Omit<QualityCases, 'pupilsWithoutEmail'> } {
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const touched = new Set<number>();
  const parental = rng.shuffled(
    contacts.filter((contact) => isParental(contact) && contact.relationship !== 'Parents'),
  );
  const untouched = () => parental.filter((contact) => !touched.has(contact.id));
  const update = (id: number, patch: Partial<SimulatedContact>) => {
    byId.set(id, { ...(byId.get(id) as SimulatedContact), ...patch });
    touched.add(id);
  };

  // staff who are also parents come first: they need a parent of the right sex
  const staffParents: { staffId: number; contactId: number; email: string }[] = [];
  const currentStaff = rng.shuffled(staff.filter((member) => member.leavingDate === ''));
  const mothers = parental.filter((contact) => contact.relationship === 'Mother');
  const fathers = parental.filter((contact) => contact.relationship === 'Father');
  for (const member of currentStaff.slice(0, casesFor(rates.staffParent, currentStaff.length))) {
    const contact = (member.gender === 'F' ? mothers : fathers).shift();
    if (!contact) continue;
    update(contact.id, {
      title: member.title,
      forename: member.forename,
      surname: member.surname,
      email: member.email,
    });
    staffParents.push({ staffId: member.id, contactId: contact.id, email: member.email });
  }

  const sharedFamilyEmails: [number, number][] = [];
  const families = new Map<string, SimulatedContact[]>();
  for (const contact of untouched()) {
    const key = familyOf(contact);
    const members = families.get(key);
    if (members) members.push(contact);
    else families.set(key, [contact]);
  }
  const couples = [...families.values()]
    .map(
      (members) =>
        [members.find((m) => m.relationship === 'Mother'), members.find((m) => m.relationship === 'Father')] as const,
    )
    .filter(
      (pair): pair is readonly [SimulatedContact, SimulatedContact] => pair[0] !== undefined && pair[1] !== undefined,
    );
  for (const [mother, father] of couples.slice(0, casesFor(rates.sharedFamilyEmail, couples.length))) {
    // "olivia.smith@…" + James → "olivia.and.james.smith@…": unique because the mother's address was
    const [local, domain] = mother.email.split('@');
    const dot = local.indexOf('.');
    const fatherSlug = asciiSlug(father.forename) || 'father';
    const familyEmail = `${local.slice(0, dot)}.and.${fatherSlug}${local.slice(dot)}@${domain}`;
    update(mother.id, { email: familyEmail });
    update(father.id, { email: familyEmail });
    sharedFamilyEmails.push([mother.id, father.id]);
  }

  const contactsWithoutEmail = untouched()
    .slice(0, casesFor(rates.contactWithoutEmail, parental.length))
    .map((contact) => contact.id);
  for (const id of contactsWithoutEmail) update(id, { email: '' });

  const invalidContactEmails = untouched()
    .slice(0, casesFor(rates.invalidContactEmail, parental.length))
    .map((contact) => contact.id);
  for (const id of invalidContactEmails)
    update(id, { email: invalidVariant(rng, (byId.get(id) as SimulatedContact).email) });

  const sameEmailDifferentPeople: [number, number][] = [];
  const pairsWanted = casesFor(rates.sameEmailDifferentPeople, parental.length);
  const pool = untouched();
  for (let first = 0; first < pool.length && sameEmailDifferentPeople.length < pairsWanted; first++) {
    if (touched.has(pool[first].id)) continue;
    const second = pool.findIndex(
      (candidate, index) =>
        index > first && !touched.has(candidate.id) && familyOf(candidate) !== familyOf(pool[first]),
    );
    if (second < 0) break;
    update(pool[first].id, {});
    update(pool[second].id, { email: pool[first].email });
    sameEmailDifferentPeople.push([pool[first].id, pool[second].id]);
  }

  return {
    contacts: contacts.map((contact) => byId.get(contact.id) as SimulatedContact),
    cases: { contactsWithoutEmail, invalidContactEmails, sharedFamilyEmails, staffParents, sameEmailDifferentPeople },
  };
}
