import { periodFromId, registrationPeriodId, schoolDaysUpTo, type Session } from '../calendar/school-calendar';
import type { AbsenceCode, PresentCode, PupilRecord, SchoolData } from '../model/school-data';
import { SeededRandom } from '../random/seeded-random';
import { outOfSchoolOn } from './out-of-school';

export interface RegistrationPeriod {
  id: number;
  date: string;
  session: Session;
  name: string;
  startTime: string;
  endTime: string;
}

/** One register row. Real registers can hold two rows for one pupil and period: so can this one. */
export interface RegisterMark {
  schoolId: string;
  pupilId: number;
  registrationPeriodId: number;
  /** false while the register has not been taken for this pupil */
  registered: boolean;
  present: boolean;
  late: boolean;
  minutesLate: number;
  presentCodeId: number | null;
  absenceCodeId: number | null;
  /** the mark as shown in iSAMS ('/', '\\', 'L', 'I', 'N'…; '' when not taken) */
  code: string;
  /** out of school on an approved activity (off site) */
  outOfSchool: boolean;
  lastUpdated: string;
}

const TIMES: Record<Session, [string, string]> = { AM: ['08:40', '08:55'], PM: ['13:50', '14:00'] };

export function periodOf(id: number): RegistrationPeriod | undefined {
  const period = periodFromId(id);
  if (!period) return undefined;
  const [startTime, endTime] = TIMES[period.session];
  return { id, date: period.date, session: period.session, name: `${period.session} Registration`, startTime, endTime };
}

/** Every AM and PM period of the academic year so far, today included. */
export function registrationPeriods(data: SchoolData): RegistrationPeriod[] {
  return schoolDaysUpTo(data.today).flatMap((date) =>
    (['AM', 'PM'] as const).map((session) => periodOf(registrationPeriodId(date, session)) as RegistrationPeriod),
  );
}

/** A period id exists when it is an AM/PM period of a school day up to today. */
export function isKnownPeriod(data: SchoolData, id: number): boolean {
  const period = periodFromId(id);
  return period !== undefined && period.date <= data.today && schoolDaysUpTo(data.today).includes(period.date);
}

interface MarkContext {
  period: RegistrationPeriod;
  isToday: boolean;
  present: (session: Session) => PresentCode;
  absence: (rng: SeededRandom) => AbsenceCode;
  late: PresentCode;
  offSiteCodes: readonly PresentCode[];
  /** SchoolId → present code of the approved activity the pupil is out of school on */
  offSite: Map<string, number>;
}

function rollMark(rng: SeededRandom, pupil: PupilRecord, context: MarkContext, forceTaken: boolean): RegisterMark {
  const { period } = context;
  const base = {
    schoolId: pupil.schoolId,
    pupilId: pupil.id,
    registrationPeriodId: period.id,
    lastUpdated: `${period.date}T${period.endTime}:00`,
  };
  const offSiteCode = context.offSite.get(pupil.schoolId);
  if (offSiteCode !== undefined) {
    return {
      ...base,
      registered: true,
      present: true,
      late: false,
      minutesLate: 0,
      presentCodeId: offSiteCode,
      absenceCodeId: null,
      code: context.offSiteCodes.find((code) => code.id === offSiteCode)?.code ?? '',
      outOfSchool: true,
    };
  }
  const roll = rng.next();
  const notTakenRate = context.isToday ? 0.04 : 0.002;
  if (!forceTaken && roll < notTakenRate) {
    return {
      ...base,
      registered: false,
      present: false,
      late: false,
      minutesLate: 0,
      presentCodeId: null,
      absenceCodeId: null,
      code: '',
      outOfSchool: false,
      lastUpdated: '',
    };
  }
  const kind = rng.weighted([
    ['present', 900],
    ['late', 30],
    ['absent', 50],
    ['off-site', 20],
  ] as const);
  if (kind === 'late') {
    return {
      ...base,
      registered: true,
      present: true,
      late: true,
      minutesLate: rng.int(2, 25),
      presentCodeId: context.late.id,
      absenceCodeId: null,
      code: context.late.code,
      outOfSchool: false,
    };
  }
  if (kind === 'absent') {
    const absence = context.absence(rng);
    return {
      ...base,
      registered: true,
      present: false,
      late: false,
      minutesLate: 0,
      presentCodeId: null,
      absenceCodeId: absence.id,
      code: absence.code,
      outOfSchool: false,
    };
  }
  const code = kind === 'off-site' ? rng.pick(context.offSiteCodes) : context.present(period.session);
  return {
    ...base,
    registered: true,
    present: true,
    late: false,
    minutesLate: 0,
    presentCodeId: code.id,
    absenceCodeId: null,
    code: code.code,
    outOfSchool: kind === 'off-site',
  };
}

/**
 * The register for one period, as a pure function of the school: deterministic per seed, period,
 * pupil and re-take version. Only pupils on roll on the period's date appear.
 */
export function registerMarks(data: SchoolData, periodId: number): RegisterMark[] {
  const period = periodOf(periodId);
  if (!period) return [];
  const authorised = data.absenceCodes.filter((code) => code.authorised && code.code !== 'E');
  const unauthorised = data.absenceCodes.filter((code) => !code.authorised);
  const context: MarkContext = {
    period,
    isToday: period.date === data.today,
    present: (session) =>
      data.presentCodes.find((code) => code.code === (session === 'AM' ? '/' : '\\')) as PresentCode,
    absence: (rng) => (rng.chance(0.75) ? rng.pick(authorised) : rng.pick(unauthorised)),
    late: data.presentCodes.find((code) => code.late) as PresentCode,
    offSiteCodes: data.presentCodes.filter((code) => code.offSite),
    offSite: new Map(outOfSchoolOn(data, period.date).map((record) => [record.schoolId, record.presentCodeId])),
  };
  const version = data.registerVersions[periodId] ?? 0;
  const marks: RegisterMark[] = [];
  for (const pupil of data.pupils) {
    if (pupil.enrolmentDate > period.date) continue;
    let mark = rollMark(SeededRandom.derive(data.seed, 'mark', periodId, pupil.id), pupil, context, false);
    for (let take = 1; take <= version; take++) {
      const rng = SeededRandom.derive(data.seed, 'retake', periodId, pupil.id, take);
      if (!mark.registered || rng.chance(0.05)) mark = rollMark(rng, pupil, context, true);
    }
    marks.push(mark);
    const duplicate = SeededRandom.derive(data.seed, 'duplicate', periodId, pupil.id);
    if (duplicate.chance(data.duplicateRegisterRowRate)) {
      marks.push(
        duplicate.chance(0.5)
          ? { ...mark }
          : { ...rollMark(duplicate, pupil, context, true), lastUpdated: mark.lastUpdated },
      );
    }
  }
  return marks;
}
