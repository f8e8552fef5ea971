import { isWeekday, toDayNumber } from '../calendar/school-calendar';
import type { SchoolData } from '../model/school-data';
import { SeededRandom } from '../random/seeded-random';

/** A pupil away from school on an approved activity for (part of) a day: trips, fixtures, work experience. */
export interface OutOfSchoolRecord {
  id: number;
  schoolId: string;
  pupilId: number;
  date: string;
  startDate: string;
  endDate: string;
  reason: string;
  presentCodeId: number;
}

const ACTIVITIES = [
  ['1st XI Hockey fixture v. Kingsmead (away)', 'P', '13:30', '18:00'],
  ['Year group trip: Natural History Museum & Science Museum', 'V', '08:00', '17:30'],
  ['Geography field trip', 'V', '08:30', '16:00'],
  ['Work experience', 'W', '09:00', '16:30'],
  ['ISA Cross Country Championships', 'P', '07:45', '16:00'],
] as const;

/** Who is out of school on `date`: zero to two activities a school day, each taking a group from one year. */
export function outOfSchoolOn(data: SchoolData, date: string): OutOfSchoolRecord[] {
  if (!isWeekday(date) || date > data.today) return [];
  const rng = SeededRandom.derive(data.seed, 'out-of-school', date);
  const activities = rng.weighted([
    [0, 3],
    [1, 5],
    [2, 2],
  ] as const);
  const records: OutOfSchoolRecord[] = [];
  const taken = new Set<string>();
  for (let n = 0; n < activities; n++) {
    const [reason, code, start, end] = rng.pick(ACTIVITIES);
    const presentCode = data.presentCodes.find((candidate) => candidate.code === code);
    const eligible = data.pupils.filter(
      (pupil) => pupil.ncYear >= 5 && pupil.ncYear <= 13 && pupil.enrolmentDate <= date && !taken.has(pupil.schoolId),
    );
    if (eligible.length === 0 || !presentCode) continue;
    const yearId = rng.pick(eligible).ncYear;
    const group = rng.sample(
      eligible.filter((pupil) => pupil.ncYear === yearId),
      rng.int(4, 15),
    );
    group.forEach((pupil, index) => {
      taken.add(pupil.schoolId);
      records.push({
        id: (toDayNumber(date) % 100_000) * 100 + n * 40 + index + 1,
        schoolId: pupil.schoolId,
        pupilId: pupil.id,
        date,
        startDate: `${date}T${start}:00`,
        endDate: `${date}T${end}:00`,
        reason,
        presentCodeId: presentCode.id,
      });
    });
  }
  return records;
}
