import { isParental } from './contacts.generator';
import { generateSchoolData } from './school.generator';
import { hasEmailAge } from './pupils.generator';

describe('generateSchoolData', () => {
  const school = generateSchoolData({ seed: 42, pupils: 300, medical: true });
  const { data, quality } = school;

  it('is deterministic: same seed and size, same school', () => {
    expect(JSON.stringify(generateSchoolData({ seed: 42, pupils: 300, medical: true }))).toBe(JSON.stringify(school));
  });

  it('differs for another seed or size', () => {
    const other = generateSchoolData({ seed: 43, pupils: 300, medical: true }).data;
    expect(other.pupils.map((pupil) => pupil.schoolId)).not.toEqual(data.pupils.map((pupil) => pupil.schoolId));
    expect(generateSchoolData({ seed: 42, pupils: 301 }).data.pupils).toHaveLength(301);
  });

  it('has exactly the pupils asked for, each in a real year and form with its tutor', () => {
    expect(data.pupils).toHaveLength(300);
    const years = new Set(data.years.map((year) => year.id));
    for (const pupil of data.pupils) {
      expect(years.has(pupil.ncYear)).toBe(true);
      const form = data.forms.find((candidate) => candidate.name === pupil.form);
      expect(form?.yearId).toBe(pupil.ncYear);
      expect(pupil.tutorStaffId).toBe(form?.tutorStaffId);
    }
    expect(new Set(data.pupils.map((pupil) => pupil.schoolId)).size).toBe(300);
    expect(new Set(data.pupils.map((pupil) => pupil.id)).size).toBe(300);
  });

  it('covers Nursery to Year 13 with a second campus, houses, divisions and terms', () => {
    expect(new Set(data.pupils.map((pupil) => pupil.ncYear))).toEqual(new Set(data.years.map((year) => year.id)));
    expect(data.academicHouses.length).toBeGreaterThanOrEqual(4);
    expect(data.boardingHouses.length).toBeGreaterThanOrEqual(3);
    expect(data.terms).toHaveLength(3);
    expect(data.pupils.some((pupil) => pupil.boardingHouse !== '')).toBe(true);
  });

  it('keeps SchoolIds as 12-digit strings, some with leading zeros', () => {
    const big = generateSchoolData({ seed: 7, pupils: 400 }).data;
    expect(big.pupils.every((pupil) => /^\d{12}$/.test(pupil.schoolId))).toBe(true);
    expect(big.pupils.some((pupil) => pupil.schoolId.startsWith('0'))).toBe(true);
    expect(big.pupils.every((pupil) => /^0\d{5}$/.test(pupil.schoolCode))).toBe(true);
  });

  it('links every contact to real pupils (or applicants) and gives every pupil a contact', () => {
    const pupils = new Map(data.pupils.map((pupil) => [pupil.id, pupil]));
    const applicants = new Map(data.applicants.map((applicant) => [applicant.id, applicant]));
    for (const contact of data.contacts) {
      for (const link of contact.pupils) {
        const person = link.status === 1 ? pupils.get(link.pupilId) : applicants.get(link.pupilId);
        expect(person?.schoolId).toBe(link.schoolId);
      }
    }
    const linked = new Set(data.contacts.flatMap((contact) => contact.pupils.map((link) => link.pupilId)));
    expect(data.pupils.every((pupil) => linked.has(pupil.id))).toBe(true);
  });

  it('has siblings sharing their contacts', () => {
    const family = data.pupils.filter(
      (pupil) =>
        pupil.familyId ===
        data.pupils.find((p) => data.pupils.filter((q) => q.familyId === p.familyId).length > 1)?.familyId,
    );
    expect(family.length).toBeGreaterThan(1);
    const shared = data.contacts.filter((contact) =>
      family.every((pupil) => contact.pupils.some((link) => link.pupilId === pupil.id)),
    );
    expect(shared.length).toBeGreaterThan(0);
  });

  it('has the contact kinds a school keeps, with and without mail-merge options', () => {
    const relationships = new Set(data.contacts.map((contact) => contact.relationship));
    for (const kind of ['Mother', 'Father', 'Parents', 'Grandmother']) expect(relationships).toContain(kind);
    expect([...relationships].some((relationship) => /^step/i.test(relationship))).toBe(true);
    expect(
      data.contacts.some(
        (contact) => contact.flags.contactOnly && !contact.flags.allMerges && !contact.flags.correspondence,
      ),
    ).toBe(true);
    expect(data.contacts.some((contact) => contact.flags.allMerges)).toBe(true);
    expect(data.contacts.some((contact) => !contact.flags.allMerges && contact.flags.correspondence)).toBe(true);
    expect(data.contacts.some((contact) => contact.forename.includes('&'))).toBe(true);
  });

  it('holds the names that break naive code', () => {
    const names = [...data.pupils, ...data.contacts].flatMap((person) => [person.forename, person.surname]);
    expect(names.some((name) => /[^\x00-\x7f]/.test(name))).toBe(true);
    expect(names.some((name) => name.includes("'"))).toBe(true);
    expect(names.some((name) => name.includes('-'))).toBe(true);
    expect(data.pupils.some((pupil) => pupil.middleName === ' ')).toBe(true);
    expect(data.pupils.some((pupil) => pupil.lowerCaseId)).toBe(true);
  });

  it('has staff, teaching and support, with some leavers still in the feed', () => {
    expect(data.staff.some((member) => member.teaching)).toBe(true);
    expect(data.staff.some((member) => !member.teaching)).toBe(true);
    expect(data.staff.some((member) => member.leavingDate !== '' && member.leavingDate < data.today)).toBe(true);
    expect(new Set(data.staff.map((member) => member.email)).size).toBe(data.staff.length);
  });

  it('puts each pupil in at most one set per subject, taught by real staff', () => {
    const staff = new Set(data.staff.map((member) => member.id));
    const sets = new Map(data.sets.map((set) => [set.id, set]));
    const seen = new Set<string>();
    for (const entry of data.setLists) {
      const set = sets.get(entry.setId);
      expect(set).toBeDefined();
      const key = `${entry.pupilId}|${set?.subjectId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(
      data.sets.every(
        (set) =>
          set.teachers.length > 0 &&
          set.teachers.every((teacher) => staff.has(teacher.staffId)) &&
          set.teachers.filter((t) => t.primary).length === 1,
      ),
    ).toBe(true);
  });

  it('records where each data-quality problem is, and the data agrees', () => {
    const contacts = new Map(data.contacts.map((contact) => [contact.id, contact]));
    expect(quality.contactsWithoutEmail.length).toBeGreaterThan(0);
    for (const id of quality.contactsWithoutEmail) expect(contacts.get(id)?.email).toBe('');
    expect(quality.invalidContactEmails.length).toBeGreaterThan(0);
    for (const id of quality.invalidContactEmails)
      expect(contacts.get(id)?.email).not.toMatch(/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/);
    expect(quality.sharedFamilyEmails.length).toBeGreaterThan(0);
    for (const [a, b] of quality.sharedFamilyEmails) expect(contacts.get(a)?.email).toBe(contacts.get(b)?.email);
    expect(quality.staffParents.length).toBeGreaterThan(0);
    for (const { staffId, contactId } of quality.staffParents) {
      const member = data.staff.find((candidate) => candidate.id === staffId);
      expect(contacts.get(contactId)?.email).toBe(member?.email);
    }
    expect(quality.sameEmailDifferentPeople.length).toBeGreaterThan(0);
    for (const [a, b] of quality.sameEmailDifferentPeople) {
      expect(contacts.get(a)?.email).toBe(contacts.get(b)?.email);
      expect(contacts.get(a)?.pupils.map((l) => l.pupilId)).not.toEqual(contacts.get(b)?.pupils.map((l) => l.pupilId));
    }
    expect(quality.pupilsWithoutEmail.length).toBeGreaterThan(0);
    expect(data.pupils.filter((pupil) => !hasEmailAge(pupil.ncYear)).every((pupil) => pupil.email === '')).toBe(true);
  });

  it('switches a problem off with a rate of 0', () => {
    const clean = generateSchoolData({
      seed: 42,
      pupils: 300,
      dataQuality: {
        contactWithoutEmail: 0,
        invalidContactEmail: 0,
        sharedFamilyEmail: 0,
        staffParent: 0,
        sameEmailDifferentPeople: 0,
        lowerCaseId: 0,
        whitespaceOnlyValue: 0,
      },
    });
    expect(clean.quality.contactsWithoutEmail).toEqual([]);
    expect(clean.quality.staffParents).toEqual([]);
    const parental = clean.data.contacts.filter(isParental);
    expect(parental.every((contact) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email))).toBe(true);
    expect(clean.data.pupils.some((pupil) => pupil.lowerCaseId || pupil.middleName === ' ')).toBe(false);
    const emails = clean.data.contacts.map((contact) => contact.email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it.each([
    ['none', ['Year 5'], false],
    ['suffixed', ['05 Campus 1', '05 Campus 2'], true],
    ['duplicate', ['05', '05'], true],
  ] as const)('names years for campusYearNames=%s', (campusYearNames, fifth, twoCampuses) => {
    const { years } = generateSchoolData({ seed: 1, pupils: 60, dataQuality: { campusYearNames } }).data;
    expect(years.filter((year) => year.id === 5 || year.id === 105).map((year) => year.name)).toEqual(fifth);
    expect(years.some((year) => year.campus === 2)).toBe(twoCampuses);
  });

  it('has medical records only for a school that opted in', () => {
    expect(data.medical?.length).toBeGreaterThan(0);
    expect(generateSchoolData({ seed: 42, pupils: 60 }).data.medical).toBeNull();
  });

  it.each([
    [{ seed: 1.5, pupils: 10 }, 'seed'],
    [{ seed: 1, pupils: -1 }, 'pupils'],
    [{ seed: 1, pupils: 10, dataQuality: { lowerCaseId: 2 } }, 'lowerCaseId'],
  ])('refuses %j', (options, field) => {
    expect(() => generateSchoolData(options)).toThrow(field);
  });

  it('can generate an empty school', () => {
    expect(generateSchoolData({ seed: 1, pupils: 0 }).data.pupils).toEqual([]);
  });
});
