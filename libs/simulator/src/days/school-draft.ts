import { ContactFactory } from '../generate/contacts.generator';
import { hasEmailAge, newPupil, type PupilContext } from '../generate/pupils.generator';
import { pupilContextFor, IdCounters } from '../generate/school.generator';
import { SURNAMES } from '../generate/name-pools';
import { medicalRecordFor } from '../generate/medical.generator';
import { setListsForJoiner } from '../generate/teaching.generator';
import type { NewChange } from '../model/school-change';
import type { SimulatedContact, PupilRecord, SchoolData } from '../model/school-data';
import { PUPIL_STATUS } from '../model/school-data';
import type { SeededRandom } from '../random/seeded-random';

type Unfreeze<V> = V extends readonly (infer U)[] ? U[] : V;
/** `SchoolData` with its arrays copied and writable: the draft's own, never the source's. */
export type DraftData = { -readonly [K in keyof SchoolData]: Unfreeze<SchoolData[K]> };

/**
 * A working copy of the school for one day's changes. Arrays are copied once here, records are
 * replaced rather than edited, and `finish()` hands back a new immutable `SchoolData` — the old
 * one stays valid for anyone still rendering it from a cache.
 */
export class SchoolDraft {
  data: DraftData;
  readonly ids: IdCounters;
  readonly changes: NewChange[] = [];
  readonly context: PupilContext;
  readonly contacts: ContactFactory;

  constructor(
    source: SchoolData,
    readonly rng: SeededRandom,
    readonly day: string,
  ) {
    this.data = {
      ...source,
      years: [...source.years],
      forms: [...source.forms],
      academicHouses: [...source.academicHouses],
      boardingHouses: [...source.boardingHouses],
      divisions: [...source.divisions],
      terms: [...source.terms],
      staff: [...source.staff],
      pupils: [...source.pupils],
      applicants: [...source.applicants],
      contacts: [...source.contacts],
      departments: [...source.departments],
      sets: [...source.sets],
      setLists: [...source.setLists],
      medical: source.medical ? [...source.medical] : null,
      absenceCodes: [...source.absenceCodes],
      presentCodes: [...source.presentCodes],
    };
    this.ids = new IdCounters({ ...source.nextIds });
    this.context = pupilContextFor(source);
    this.contacts = new ContactFactory(
      rng,
      { nextContactId: () => this.ids.next('contact'), nextPersonId: () => this.ids.next('person') },
      this.context.emails,
    );
  }

  record(change: NewChange): void {
    this.changes.push(change);
  }

  finish(): { data: SchoolData; changes: NewChange[] } {
    return { data: { ...this.data, nextIds: this.ids.snapshot() }, changes: this.changes };
  }

  /** Adds a pupil to `form` (in `ncYear`), with a new family of contacts or as a sibling in an existing one. */
  addPupil(ncYear: number, form: string, asSibling: boolean): PupilRecord {
    const rng = this.rng;
    // a sibling joins a family already at the school (picked through a random current pupil)
    const sibling = asSibling && this.data.pupils.length > 0 ? rng.pick(this.data.pupils) : undefined;
    const pupil = newPupil(
      rng,
      { ...this.context, forms: this.data.forms },
      {
        id: this.ids.next('pupil'),
        ncYear,
        form,
        familyId: sibling?.familyId ?? this.ids.next('family'),
        surname: sibling?.surname ?? rng.pick(SURNAMES),
        schoolCode: this.ids.next('schoolCode'),
        withoutEmail: false,
        whitespaceMiddleName: false,
        lowerCaseId: false,
        enrolledOn: this.day,
      },
    );
    this.data.pupils.push(pupil);
    this.data.setLists.push(
      ...setListsForJoiner(rng, pupil, this.data.sets, {
        nextSet: () => this.ids.next('set'),
        nextSetList: () => this.ids.next('setList'),
      }),
    );
    if (this.data.medical) {
      const record = medicalRecordFor(rng, pupil, 0);
      if (record) this.data.medical.push({ ...record, id: this.ids.next('medical') });
    }
    const link = { pupilId: pupil.id, schoolId: pupil.schoolId, status: PUPIL_STATUS.current };
    if (sibling) {
      this.data.contacts = this.data.contacts.map((contact) =>
        contact.pupils.some((existing) => existing.pupilId === sibling.id)
          ? { ...contact, pupils: [...contact.pupils, link] }
          : contact,
      );
    } else {
      const created = this.contacts.family({
        surname: pupil.surname,
        links: [link],
        boarding: pupil.boardingHouse !== '',
        whitespaceTelephone: false,
      });
      this.data.contacts.push(...created);
      for (const contact of created) this.recordNewContact(contact);
    }
    this.record({
      type: 'joiner',
      day: this.day,
      schoolId: pupil.schoolId,
      pupilId: pupil.id,
      ncYear,
      form,
      familyId: pupil.familyId,
    });
    return pupil;
  }

  recordNewContact(contact: SimulatedContact): void {
    this.record({
      type: 'new-contact',
      day: this.day,
      contactId: contact.id,
      relationship: contact.relationship,
      schoolIds: contact.pupils.map((link) => link.schoolId),
    });
  }

  /** A pupil leaves: out of the pupils feed and set lists; contacts keep the link, now with leaver status. */
  removePupils(leaving: readonly PupilRecord[]): void {
    if (leaving.length === 0) return;
    const gone = new Set(leaving.map((pupil) => pupil.id));
    this.data.pupils = this.data.pupils.filter((pupil) => !gone.has(pupil.id));
    this.data.setLists = this.data.setLists.filter((entry) => !gone.has(entry.pupilId));
    const goneSchoolIds = new Set(leaving.map((pupil) => pupil.schoolId));
    if (this.data.medical)
      this.data.medical = this.data.medical.filter((record) => !goneSchoolIds.has(record.schoolId));
    this.data.contacts = this.data.contacts.map((contact) =>
      contact.pupils.some((link) => gone.has(link.pupilId))
        ? {
            ...contact,
            pupils: contact.pupils.map((link) =>
              gone.has(link.pupilId) ? { ...link, status: PUPIL_STATUS.leaver } : link,
            ),
          }
        : contact,
    );
    for (const pupil of leaving)
      this.record({ type: 'leaver', day: this.day, schoolId: pupil.schoolId, pupilId: pupil.id, ncYear: pupil.ncYear });
  }

  replacePupil(updated: PupilRecord): void {
    const index = this.data.pupils.findIndex((pupil) => pupil.id === updated.id);
    if (index >= 0) this.data.pupils[index] = updated;
  }

  replaceContact(updated: SimulatedContact): void {
    const index = this.data.contacts.findIndex((contact) => contact.id === updated.id);
    if (index >= 0) this.data.contacts[index] = updated;
  }

  pupilCanHaveEmail(pupil: PupilRecord): boolean {
    return hasEmailAge(pupil.ncYear);
  }
}
