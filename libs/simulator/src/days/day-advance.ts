import { addDays, nextSchoolDay } from '../calendar/school-calendar';
import { asciiSlug } from '../generate/ascii-name';
import { personalEmail } from '../generate/contacts.generator';
import { randomPerson } from '../generate/person.generator';
import { pupilEmail } from '../generate/pupils.generator';
import { newStaffMember } from '../generate/staff.generator';
import { formNameFor, pupilsPerYear } from '../generate/structure.generator';
import type { NewChange } from '../model/school-change';
import type { SchoolData } from '../model/school-data';
import { SeededRandom } from '../random/seeded-random';
import { SchoolDraft } from './school-draft';
import { applySummerRollover } from './summer-rollover';

/** How many of each change a day brings: a small share of the school, never fewer than one. */
export function dailyChangeCounts(
  pupils: number,
): Record<'joiners' | 'leavers' | 'formMoves' | 'houseMoves' | 'emailChanges' | 'newContacts', number> {
  const share = (rate: number) => Math.max(1, Math.round(rate * pupils));
  return {
    joiners: share(0.002),
    leavers: pupils > 0 ? share(0.002) : 0,
    formMoves: share(0.003),
    houseMoves: share(0.002),
    emailChanges: share(0.003),
    newContacts: share(0.002),
  };
}

/**
 * Moves the school to its next school day with a seeded mix of changes. The randomness depends only
 * on the seed and the day number, so advancing twice from the same state gives the same school.
 * Crossing the summer holiday runs the roll-over instead.
 */
export function advanceSchoolDay(data: SchoolData): { data: SchoolData; changes: NewChange[] } {
  const { date, crossesSummer } = nextSchoolDay(data.today);
  const rng = SeededRandom.derive(data.seed, 'day', data.dayNumber + 1);
  const moved = { ...data, today: date, dayNumber: data.dayNumber + 1 };
  if (crossesSummer) return applySummerRollover(moved, rng);
  const draft = new SchoolDraft(moved, rng, date);
  const counts = dailyChangeCounts(data.pupils.length);

  // leavers first, so a pupil who joins today cannot leave today
  draft.removePupils(rng.sample(draft.data.pupils, counts.leavers));
  addJoiners(draft, counts.joiners);
  moveForms(draft, counts.formMoves);
  moveHouses(draft, counts.houseMoves);
  changeEmails(draft, counts.emailChanges);
  addContacts(draft, counts.newContacts);
  changeStaff(draft);
  return draft.finish();
}

function addJoiners(draft: SchoolDraft, count: number): void {
  const rng = draft.rng;
  const targets = pupilsPerYear(draft.data.years, Math.max(1, draft.data.pupils.length));
  for (let n = 0; n < count; n++) {
    const yearId = rng.weighted([...targets].map(([id, weight]) => [id, Math.max(weight, 0.1)] as const));
    const forms = draft.data.forms.filter((form) => form.yearId === yearId);
    const form = forms.length > 0 ? rng.pick(forms).name : formNameFor(yearId, 0);
    if (forms.length === 0) {
      const tutor = rng.pick(draft.data.staff.filter((member) => member.teaching && member.leavingDate === ''));
      draft.data.forms = [...draft.data.forms, { name: form, yearId, tutorStaffId: tutor.id }];
    }
    draft.addPupil(yearId, form, rng.chance(0.4));
  }
}

function moveForms(draft: SchoolDraft, count: number): void {
  const rng = draft.rng;
  const formsPerYear = new Map<number, number>();
  for (const form of draft.data.forms) formsPerYear.set(form.yearId, (formsPerYear.get(form.yearId) ?? 0) + 1);
  const movable = draft.data.pupils.filter((pupil) => (formsPerYear.get(pupil.ncYear) ?? 0) > 1);
  for (const pupil of rng.sample(movable, count)) {
    const current = draft.data.pupils.find((candidate) => candidate.id === pupil.id);
    if (!current) continue;
    const to = rng.pick(
      draft.data.forms.filter((form) => form.yearId === current.ncYear && form.name !== current.form),
    );
    draft.replacePupil({ ...current, form: to.name, tutorStaffId: to.tutorStaffId });
    draft.record({ type: 'form-move', day: draft.day, schoolId: current.schoolId, from: current.form, to: to.name });
  }
}

function moveHouses(draft: SchoolDraft, count: number): void {
  const rng = draft.rng;
  for (const pupil of rng.sample(draft.data.pupils, count)) {
    const boarding = pupil.boardingHouse !== '' && draft.data.boardingHouses.length > 1 && rng.chance(0.3);
    const houses = boarding ? draft.data.boardingHouses : draft.data.academicHouses;
    const from = boarding ? pupil.boardingHouse : pupil.academicHouse;
    const options = houses.filter((house) => house.name !== from);
    if (options.length === 0) continue;
    const to = rng.pick(options).name;
    draft.replacePupil(boarding ? { ...pupil, boardingHouse: to } : { ...pupil, academicHouse: to });
    draft.record({
      type: 'house-move',
      day: draft.day,
      schoolId: pupil.schoolId,
      kind: boarding ? 'boarding' : 'academic',
      from,
      to,
    });
  }
}

function changeEmails(draft: SchoolDraft, count: number): void {
  const rng = draft.rng;
  for (let n = 0; n < count; n++) {
    const subject = rng.weighted([
      ['contact', 5],
      ['pupil', 3],
      ['staff', 2],
    ] as const);
    if (subject === 'contact') {
      const contact = rng.pick(draft.data.contacts);
      const email = personalEmail(rng, draft.context.emails, contact.forename.split(' ')[0], contact.surname);
      draft.replaceContact({ ...contact, email });
      draft.record({
        type: 'email-change',
        day: draft.day,
        subject,
        id: String(contact.id),
        from: contact.email,
        to: email,
      });
    } else if (subject === 'pupil') {
      const candidates = draft.data.pupils.filter((pupil) => draft.pupilCanHaveEmail(pupil));
      if (candidates.length === 0) continue;
      const pupil = rng.pick(candidates);
      const email = pupilEmail(draft.context, pupil.preferredName, pupil.surname, pupil.enrolmentSchoolYear);
      draft.replacePupil({ ...pupil, email });
      draft.record({ type: 'email-change', day: draft.day, subject, id: pupil.schoolId, from: pupil.email, to: email });
    } else {
      const member = rng.pick(draft.data.staff.filter((candidate) => candidate.leavingDate === ''));
      const base = `${asciiSlug(member.forename)}.${asciiSlug(member.surname)}`;
      const email = draft.context.emails.take(base, (suffix) => `${base}${suffix}@${draft.data.emailDomain}`);
      draft.data.staff = draft.data.staff.map((candidate) =>
        candidate.id === member.id ? { ...candidate, email } : candidate,
      );
      draft.record({
        type: 'email-change',
        day: draft.day,
        subject,
        id: String(member.id),
        from: member.email,
        to: email,
      });
    }
  }
}

function addContacts(draft: SchoolDraft, count: number): void {
  const rng = draft.rng;
  for (let n = 0; n < count && draft.data.pupils.length > 0; n++) {
    const pupil = rng.pick(draft.data.pupils);
    const siblings = draft.data.pupils.filter((candidate) => candidate.familyId === pupil.familyId);
    const relationship = rng.pick([
      'Stepmother',
      'Stepfather',
      'Grandmother',
      'Grandfather',
      'Emergency Contact',
      'Aunt',
    ]);
    const person = randomPerson(
      rng,
      /mother|aunt/i.test(relationship) ? 'F' : /father/i.test(relationship) ? 'M' : undefined,
    );
    const step = relationship.startsWith('Step');
    const contact = draft.contacts.contact(
      {
        relationship,
        title: person.gender === 'F' ? 'Mrs' : 'Mr',
        forename: person.forename,
        surname: person.surname,
        household: {
          address1: `${rng.int(1, 99)} Orchard Way`,
          address2: '',
          town: 'Guildford',
          county: 'Surrey',
          postcode: 'GU1 3AB',
          country: 'United Kingdom',
        },
        flags: {
          allMerges: false,
          correspondence: step,
          contactOnly: !step,
          reports: false,
          billing: false,
          studentHome: step,
          parentalResponsibility: step ? 'No' : 'Default',
        },
      },
      siblings.map((sibling) => ({ pupilId: sibling.id, schoolId: sibling.schoolId, status: 1 as const })),
      false,
    );
    draft.data.contacts = [...draft.data.contacts, contact];
    draft.recordNewContact(contact);
  }
}

function changeStaff(draft: SchoolDraft): void {
  const rng = draft.rng;
  const current = draft.data.staff.filter((member) => member.leavingDate === '');
  if (current.length > 1 && rng.chance(0.5)) {
    const leaver = rng.pick(current);
    // half the leavers vanish from CurrentStaff, half stay with a leaving date in the past
    const removedFromFeed = rng.chance(0.5);
    const leavingDate = addDays(draft.day, -1);
    draft.data.staff = removedFromFeed
      ? draft.data.staff.filter((member) => member.id !== leaver.id)
      : draft.data.staff.map((member) => (member.id === leaver.id ? { ...member, leavingDate } : member));
    draft.record({ type: 'staff-leaver', day: draft.day, staffId: leaver.id, leavingDate, removedFromFeed });
  }
  if (rng.chance(0.3)) {
    const teaching = rng.chance(0.7);
    const member = newStaffMember(
      rng,
      { emails: draft.context.emails, userCodes: draft.context.userCodes, domain: draft.data.emailDomain },
      {
        id: draft.ids.next('staff'),
        personId: draft.ids.next('person'),
        teaching,
        divisionIds: [rng.pick(draft.data.divisions).id],
        whitespaceMiddleName: false,
      },
    );
    draft.data.staff = [...draft.data.staff, member];
    draft.record({ type: 'staff-joiner', day: draft.day, staffId: member.id, teaching });
  }
}
