import type { ContactFlags, ContactPupilLink, SimulatedContact } from '../model/school-data';
import type { SeededRandom } from '../random/seeded-random';
import { asciiSlug, UniqueNames } from './ascii-name';
import { STREETS, TOWNS } from './name-pools';
import { randomForename, randomLandline, randomMobile, randomPerson } from './person.generator';

/** Personal mail domains: reserved example names, so nothing the simulator emits is anyone's real address. */
export const PERSONAL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'post.example'] as const;

export interface ContactIds {
  nextContactId(): number;
  nextPersonId(): number;
}

export interface Household {
  address1: string;
  address2: string;
  town: string;
  county: string;
  postcode: string;
  country: string;
}

export interface FamilyInput {
  surname: string;
  links: readonly ContactPupilLink[];
  /** any child boards: overseas families appoint educational guardians */
  boarding: boolean;
  whitespaceTelephone: boolean;
}

export type FamilyShape =
  | 'two-parents'
  | 'parents-joint'
  | 'separated'
  | 'mother-stepfather'
  | 'father-stepmother'
  | 'guardian'
  | 'mother-only'
  | 'father-only';

const SHAPES: readonly (readonly [FamilyShape, number])[] = [
  ['two-parents', 55],
  ['parents-joint', 11],
  ['separated', 9],
  ['mother-stepfather', 6],
  ['father-stepmother', 4],
  ['guardian', 3],
  ['mother-only', 9],
  ['father-only', 3],
];

export function randomHousehold(rng: SeededRandom): Household {
  const [town, county, area, country] = rng.pick(TOWNS);
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  return {
    address1: `${rng.int(1, 120)} ${rng.pick(STREETS)}`,
    address2: rng.chance(0.15) ? `Flat ${rng.int(1, 9)}` : '',
    town,
    county,
    postcode:
      area === ''
        ? ''
        : `${area}${rng.int(1, 20)} ${rng.int(0, 9)}${letters[rng.int(0, 19)]}${letters[rng.int(0, 19)]}`,
    country,
  };
}

export function flags(partial: Partial<ContactFlags>): ContactFlags {
  return {
    allMerges: false,
    correspondence: false,
    contactOnly: false,
    reports: false,
    billing: false,
    studentHome: false,
    parentalResponsibility: 'Default',
    ...partial,
  };
}

export function personalEmail(rng: SeededRandom, emails: UniqueNames, forename: string, surname: string): string {
  const local = `${asciiSlug(forename) || 'parent'}.${asciiSlug(surname) || 'family'}`;
  const domain = rng.pick(PERSONAL_DOMAINS);
  return emails.take(local, (suffix) => `${local}${suffix}@${domain}`);
}

interface ContactInput {
  relationship: string;
  title: string;
  forename: string;
  surname: string;
  household: Household;
  flags: ContactFlags;
  email?: string;
}

export class ContactFactory {
  constructor(
    private readonly rng: SeededRandom,
    private readonly ids: ContactIds,
    private readonly emails: UniqueNames,
  ) {}

  contact(input: ContactInput, links: readonly ContactPupilLink[], whitespaceTelephone: boolean): SimulatedContact {
    return {
      id: this.ids.nextContactId(),
      personId: this.ids.nextPersonId(),
      title: input.title,
      forename: input.forename,
      surname: input.surname,
      email: input.email ?? personalEmail(this.rng, this.emails, input.forename, input.surname),
      mobile: randomMobile(this.rng),
      telephone: whitespaceTelephone ? ' ' : this.rng.chance(0.6) ? randomLandline(this.rng) : '',
      relationship: input.relationship,
      ...input.household,
      flags: input.flags,
      pupils: links,
    };
  }

  /** The contacts one family gives the school: parents by family shape, then emergency-only contacts. */
  family(input: FamilyInput): SimulatedContact[] {
    const rng = this.rng;
    const home = randomHousehold(rng);
    const shape = rng.weighted(SHAPES);
    const mother = randomForename(rng, 'F');
    const father = randomForename(rng, 'M');
    const parentFlags = (resident: boolean) =>
      flags({
        allMerges: resident ? rng.chance(0.92) : false,
        correspondence: true,
        reports: rng.chance(0.8),
        billing: resident && rng.chance(0.7),
        studentHome: resident,
        parentalResponsibility: rng.weighted([
          ['Default', 80],
          ['Yes', 18],
          ['No', 2],
        ] as const),
      });
    const make = (
      relationship: string,
      title: string,
      forename: string,
      surname: string,
      household: Household,
      contactFlags: ContactFlags,
    ) =>
      this.contact(
        { relationship, title, forename, surname, household, flags: contactFlags },
        input.links,
        input.whitespaceTelephone,
      );
    const contacts: SimulatedContact[] = [];
    const surname = input.surname;
    switch (shape) {
      case 'two-parents':
        contacts.push(make('Mother', rng.pick(['Mrs', 'Mrs', 'Ms', 'Dr']), mother, surname, home, parentFlags(true)));
        contacts.push(make('Father', rng.pick(['Mr', 'Mr', 'Dr']), father, surname, home, parentFlags(true)));
        break;
      case 'parents-joint': {
        // one contact record standing for two people, as many schools still keep them
        const title = rng.pick(['Mr & Mrs', 'Dr & Mrs', 'Mr & Dr', 'Mr and Mrs']);
        const joint = this.contact(
          {
            relationship: 'Parents',
            title,
            forename: `${father} & ${mother}`,
            surname,
            household: home,
            flags: parentFlags(true),
            email: personalEmail(rng, this.emails, 'the', `${surname}s`),
          },
          input.links,
          input.whitespaceTelephone,
        );
        contacts.push(joint);
        break;
      }
      case 'separated':
        contacts.push(make('Mother', rng.pick(['Mrs', 'Ms']), mother, surname, home, parentFlags(true)));
        contacts.push(make('Father', 'Mr', father, surname, randomHousehold(rng), parentFlags(false)));
        break;
      case 'mother-stepfather': {
        const step = randomPerson(rng, 'M');
        contacts.push(make('Mother', 'Mrs', mother, step.surname, home, parentFlags(true)));
        contacts.push(
          make(
            rng.pick(['Stepfather', 'Step-father', 'Step Father']),
            'Mr',
            step.forename,
            step.surname,
            home,
            flags({ correspondence: rng.chance(0.6), studentHome: true, parentalResponsibility: 'No' }),
          ),
        );
        contacts.push(make('Father', 'Mr', father, surname, randomHousehold(rng), parentFlags(false)));
        break;
      }
      case 'father-stepmother': {
        const step = randomPerson(rng, 'F');
        contacts.push(make('Father', 'Mr', father, surname, home, parentFlags(true)));
        contacts.push(
          make(
            rng.pick(['Stepmother', 'Step-mother']),
            'Mrs',
            step.forename,
            surname,
            home,
            flags({
              allMerges: rng.chance(0.3),
              correspondence: true,
              studentHome: true,
              parentalResponsibility: 'Default',
            }),
          ),
        );
        break;
      }
      case 'guardian': {
        const guardian = randomPerson(rng);
        contacts.push(
          make(
            rng.pick(['Guardian', 'Educational Guardian']),
            guardian.gender === 'F' ? 'Mrs' : 'Mr',
            guardian.forename,
            guardian.surname,
            randomHousehold(rng),
            flags({ allMerges: true, correspondence: true, studentHome: false, parentalResponsibility: 'No' }),
          ),
        );
        contacts.push(
          make(
            'Mother',
            'Mrs',
            mother,
            surname,
            home,
            flags({ allMerges: rng.chance(0.5), correspondence: true, billing: true, parentalResponsibility: 'Yes' }),
          ),
        );
        break;
      }
      case 'mother-only':
        contacts.push(make('Mother', rng.pick(['Ms', 'Mrs', 'Miss']), mother, surname, home, parentFlags(true)));
        break;
      case 'father-only':
        contacts.push(make('Father', 'Mr', father, surname, home, parentFlags(true)));
        break;
    }
    if (rng.chance(0.3)) {
      const grandparent = rng.chance(0.6) ? 'Grandmother' : 'Grandfather';
      contacts.push(
        make(
          grandparent,
          grandparent === 'Grandmother' ? 'Mrs' : 'Mr',
          randomForename(rng, grandparent === 'Grandmother' ? 'F' : 'M'),
          rng.chance(0.5) ? surname : randomPerson(rng).surname,
          randomHousehold(rng),
          flags({ contactOnly: true, parentalResponsibility: 'No' }),
        ),
      );
    }
    if (rng.chance(0.15)) {
      const friend = randomPerson(rng);
      contacts.push(
        make(
          rng.pick(['Emergency Contact', 'Family Friend', 'Aunt', 'Uncle', 'Nanny']),
          friend.gender === 'F' ? 'Ms' : 'Mr',
          friend.forename,
          friend.surname,
          randomHousehold(rng),
          flags({ contactOnly: true, parentalResponsibility: 'No' }),
        ),
      );
    }
    return contacts;
  }
}

/** Mother, Father, Parents, guardians and step-parents: the contacts that could get a login. */
export function isParental(contact: Pick<SimulatedContact, 'relationship' | 'flags'>): boolean {
  return (
    !contact.flags.contactOnly &&
    /mother|father|parent|guardian/i.test(contact.relationship) &&
    !/grand/i.test(contact.relationship)
  );
}
