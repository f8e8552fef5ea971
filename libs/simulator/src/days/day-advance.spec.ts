import { generateSchoolData } from '../generate/school.generator';
import type { NewChange } from '../model/school-change';
import type { SchoolData } from '../model/school-data';
import { advanceSchoolDay, dailyChangeCounts } from './day-advance';
import { applyScenario } from './scenarios';

type Of<T extends NewChange['type']> = Extract<NewChange, { type: T }>;
const ofType = <T extends NewChange['type']>(changes: readonly NewChange[], type: T) =>
  changes.filter((change): change is Of<T> => change.type === type);

describe('advanceSchoolDay', () => {
  const start = generateSchoolData({ seed: 11, pupils: 200, medical: true }).data;
  const { data, changes } = advanceSchoolDay(start);

  it('is deterministic and leaves yesterday untouched', () => {
    const before = JSON.stringify(start);
    expect(JSON.stringify(advanceSchoolDay(start))).toBe(JSON.stringify({ data, changes }));
    expect(JSON.stringify(start)).toBe(before);
  });

  it('moves to the next school day', () => {
    expect(data.today).toBe('2026-11-24');
    expect(data.dayNumber).toBe(1);
    expect(changes.every((change) => change.day === '2026-11-24')).toBe(true);
  });

  it('brings at least one of each pupil and contact change', () => {
    const counts = dailyChangeCounts(200);
    expect(ofType(changes, 'joiner').length).toBe(counts.joiners);
    expect(ofType(changes, 'leaver').length).toBe(counts.leavers);
    expect(ofType(changes, 'form-move').length).toBe(counts.formMoves);
    expect(ofType(changes, 'house-move').length).toBe(counts.houseMoves);
    expect(ofType(changes, 'email-change').length).toBe(counts.emailChanges);
    expect(ofType(changes, 'new-contact').length).toBeGreaterThanOrEqual(counts.newContacts);
  });

  it('applies every change to the data', () => {
    const pupils = new Map(data.pupils.map((pupil) => [pupil.schoolId, pupil]));
    for (const joiner of ofType(changes, 'joiner')) {
      expect(pupils.get(joiner.schoolId)).toMatchObject({
        ncYear: joiner.ncYear,
        form: joiner.form,
        enrolmentDate: data.today,
      });
      expect(
        data.contacts.some((contact) =>
          contact.pupils.some((link) => link.schoolId === joiner.schoolId && link.status === 1),
        ),
      ).toBe(true);
    }
    for (const leaver of ofType(changes, 'leaver')) {
      expect(pupils.has(leaver.schoolId)).toBe(false);
      expect(data.setLists.some((entry) => entry.schoolId === leaver.schoolId)).toBe(false);
      const links = data.contacts
        .flatMap((contact) => contact.pupils)
        .filter((link) => link.schoolId === leaver.schoolId);
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((link) => link.status === -1)).toBe(true);
    }
    for (const move of ofType(changes, 'form-move')) expect(pupils.get(move.schoolId)?.form).toBe(move.to);
    for (const move of ofType(changes, 'house-move')) {
      expect(
        move.kind === 'academic' ? pupils.get(move.schoolId)?.academicHouse : pupils.get(move.schoolId)?.boardingHouse,
      ).toBe(move.to);
    }
    for (const change of ofType(changes, 'email-change')) {
      const now =
        change.subject === 'pupil'
          ? pupils.get(change.id)?.email
          : change.subject === 'contact'
            ? data.contacts.find((contact) => String(contact.id) === change.id)?.email
            : data.staff.find((member) => String(member.id) === change.id)?.email;
      expect(now).toBe(change.to);
      expect(change.to).not.toBe(change.from);
    }
    for (const added of ofType(changes, 'new-contact'))
      expect(data.contacts.some((contact) => contact.id === added.contactId)).toBe(true);
  });

  it('over a few weeks lets staff leave, both ways iSAMS shows it', () => {
    let school: SchoolData = start;
    const all: NewChange[] = [];
    for (let day = 0; day < 20; day++) {
      const next = advanceSchoolDay(school);
      school = next.data;
      all.push(...next.changes);
    }
    const leavers = ofType(all, 'staff-leaver');
    expect(leavers.length).toBeGreaterThan(0);
    for (const leaver of leavers) {
      const member = school.staff.find((candidate) => candidate.id === leaver.staffId);
      if (leaver.removedFromFeed) expect(member).toBeUndefined();
      else expect(member?.leavingDate).toBe(leaver.leavingDate);
    }
    expect(new Set(leavers.map((leaver) => leaver.removedFromFeed)).size).toBe(2);
  });
});

describe('an empty school', () => {
  it('can still advance: the first joiner arrives with a new family', () => {
    const { data, changes } = advanceSchoolDay(generateSchoolData({ seed: 2, pupils: 0 }).data);
    expect(data.pupils).toHaveLength(1);
    expect(ofType(changes, 'leaver')).toEqual([]);
    expect(data.contacts.length).toBeGreaterThan(0);
  });
});

describe('summer roll-over', () => {
  const start = generateSchoolData({ seed: 5, pupils: 300 }).data;
  const { data, changes } = applyScenario(start, 'summer-rollover');
  const rollover = ofType(changes, 'rollover')[0];

  it('starts the next academic year', () => {
    expect(data.academicYear).toBe(2027);
    expect(data.today).toBe('2027-09-03');
    expect(data.terms[0].name).toBe('Michaelmas 2027');
    expect(rollover).toMatchObject({ fromAcademicYear: 2026, toAcademicYear: 2027 });
  });

  it('moves every pupil who stays up a year; Year 13 leave', () => {
    const before = new Map(start.pupils.map((pupil) => [pupil.schoolId, pupil]));
    const year13 = start.pupils.filter((pupil) => pupil.ncYear === 13).map((pupil) => pupil.schoolId);
    expect([...rollover.leaverSchoolIds].sort()).toEqual([...year13].sort());
    for (const pupil of data.pupils) {
      const old = before.get(pupil.schoolId);
      if (!old) continue;
      expect(pupil.ncYear).toBe(old.ncYear === 106 ? 7 : old.ncYear + 1);
      expect(data.forms.find((form) => form.name === pupil.form)?.yearId).toBe(pupil.ncYear);
    }
    expect(rollover.movedUp).toBe(start.pupils.length - year13.length);
  });

  it('takes in new pupils, applicants among them with their SchoolIds', () => {
    expect(rollover.joinerSchoolIds.length).toBeGreaterThan(0);
    const schoolIds = new Set(data.pupils.map((pupil) => pupil.schoolId));
    expect(rollover.joinerSchoolIds.every((schoolId) => schoolIds.has(schoolId))).toBe(true);
    const arrived = start.applicants.filter((applicant) => applicant.enrolmentSchoolYear === 2027);
    expect(arrived.length).toBeGreaterThan(0);
    for (const applicant of arrived) expect(schoolIds.has(applicant.schoolId)).toBe(true);
    expect(ofType(changes, 'joiner').length).toBe(rollover.joinerSchoolIds.length);
  });

  it('builds new sets and set lists for the new year', () => {
    const pupilIds = new Set(data.pupils.map((pupil) => pupil.id));
    expect(data.setLists.every((entry) => pupilIds.has(entry.pupilId))).toBe(true);
    expect(Math.min(...data.sets.map((set) => set.id))).toBeGreaterThan(Math.max(...start.sets.map((set) => set.id)));
  });

  it('happens on its own when a day is advanced past the summer term', () => {
    const lastDay = { ...start, today: '2027-07-08' };
    const next = advanceSchoolDay(lastDay);
    expect(next.data.today).toBe('2027-09-03');
    expect(ofType(next.changes, 'rollover')).toHaveLength(1);
  });
});

describe('feed scenarios', () => {
  const start = generateSchoolData({ seed: 5, pupils: 60 }).data;
  it.each([
    ['empty-pupils', 'empty'],
    ['truncated-pupils', 'truncated-half'],
    ['restore-feeds', 'complete'],
  ] as const)('%s sets the pupils feed to %s and leaves the school alone', (name, mode) => {
    const { data, changes } = applyScenario(start, name);
    expect(data.pupilsFeed).toBe(mode);
    expect(data.pupils).toBe(start.pupils);
    expect(changes).toEqual([{ type: 'scenario', day: start.today, name }]);
  });
});
