import type { AttendanceSession, AttendanceStatus, Finding } from '@isams-sync/contracts';
import type {
  RestAbsenceCode,
  RestOutOfSchoolRecord,
  RestPresentCode,
  RestRegistrationStatus,
} from '@isams-sync/isams';
import { FindingCollector } from '../findings/finding.collector';

/** One pupil's mark for one session, as stored and published. */
export interface AttendanceMark {
  /** the pupil's iSAMS SchoolId */
  isamsId: string;
  /** the SchoolsBuddy student, when the directory knows the pupil */
  studentId?: string;
  status: AttendanceStatus;
  /** the iSAMS code as shown in the register ('' when not taken) */
  code: string;
  codeName?: string;
  minutesLate?: number;
  lastUpdated?: string;
}

export interface AttendanceSource {
  session: AttendanceSession;
  registrationPeriodId: string;
  rows: readonly RestRegistrationStatus[];
  absenceCodes: readonly RestAbsenceCode[];
  presentCodes: readonly RestPresentCode[];
  outOfSchool: readonly RestOutOfSchoolRecord[];
  /**
   * SchoolId → SchoolsBuddy student id. Undefined while the school has no students yet (before its
   * first import): then nothing is linked and no pupil is reported unknown.
   */
  students?: ReadonlyMap<string, string>;
}

export interface AttendanceMapping {
  marks: AttendanceMark[];
  findings: Finding[];
}

export const ATTENDANCE_DATASET = 'attendance';

interface Codes {
  absence: Map<string, RestAbsenceCode>;
  present: Map<string, RestPresentCode>;
  outOfSchool: Map<string, RestOutOfSchoolRecord>;
}

function statusOf(
  row: RestRegistrationStatus,
  codes: Codes,
): { status: AttendanceStatus; code: string; codeName?: string } {
  const presentCode = row.presentCodeId ? codes.present.get(row.presentCodeId) : undefined;
  const absenceCode = row.absenceCodeId ? codes.absence.get(row.absenceCodeId) : undefined;
  const code = row.code ?? presentCode?.code ?? absenceCode?.code ?? '';
  const named = (status: AttendanceStatus, name: string | undefined) => ({
    status,
    code,
    ...(name ? { codeName: name } : {}),
  });
  if (row.registered === false) {
    // A register not taken yet says nothing, but an approved out-of-school record does.
    const away = codes.outOfSchool.get(row.schoolId);
    if (!away) return { status: 'not_taken', code: '' };
    const awayCode = away.presentCodeId ? codes.present.get(away.presentCodeId) : undefined;
    return {
      status: 'out_of_school',
      code: awayCode?.code ?? '',
      ...(awayCode?.name ? { codeName: awayCode.name } : {}),
    };
  }
  if (row.outOfSchool === true || presentCode?.isOffSite === true) return named('out_of_school', presentCode?.name);
  if (row.absenceCodeId !== undefined)
    return named(absenceCode?.isAuthorised === true ? 'absent_authorised' : 'absent_unauthorised', absenceCode?.name);
  if (row.late === true || presentCode?.isLate === true) return named('late', presentCode?.name);
  if (row.present === true || presentCode !== undefined) return named('present', presentCode?.name);
  return named('absent_unauthorised', undefined);
}

function toMark(row: RestRegistrationStatus, codes: Codes): AttendanceMark {
  const { status, code, codeName } = statusOf(row, codes);
  const mark: AttendanceMark = { isamsId: row.schoolId, status, code };
  if (codeName !== undefined) mark.codeName = codeName;
  if (status === 'late' && row.minutesLate !== undefined && row.minutesLate !== null && row.minutesLate > 0)
    mark.minutesLate = Math.round(row.minutesLate);
  if (row.lastUpdated) mark.lastUpdated = row.lastUpdated;
  return mark;
}

/**
 * Which of a pupil's rows counts, whatever order iSAMS sent them in: a taken mark beats one not
 * taken, then the most recently updated, then (rows that tie) the smallest status and code.
 */
export function compareForDeduplication(a: AttendanceMark, b: AttendanceMark): number {
  const taken = Number(b.status !== 'not_taken') - Number(a.status !== 'not_taken');
  if (taken !== 0) return taken;
  const updated = (b.lastUpdated ?? '').localeCompare(a.lastUpdated ?? '');
  if (updated !== 0) return updated;
  const key = (m: AttendanceMark) => `${m.status}\u0000${m.code}\u0000${m.minutesLate ?? 0}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

const sameMark = (a: AttendanceMark, b: AttendanceMark) =>
  a.status === b.status && a.code === b.code && (a.minutesLate ?? 0) === (b.minutesLate ?? 0);

/**
 * Maps one register (all pages) to one mark per pupil: `present | late | absent_authorised |
 * absent_unauthorised | out_of_school | not_taken` with the iSAMS code kept. Duplicate rows are
 * merged deterministically (a warning when they disagree); a pupil the directory does not know is
 * a finding, and the mark is kept without a student.
 */
export function mapAttendanceMarks(source: AttendanceSource): AttendanceMapping {
  const findings = new FindingCollector(ATTENDANCE_DATASET);
  const codes: Codes = {
    absence: new Map(source.absenceCodes.map((c) => [c.id, c])),
    present: new Map(source.presentCodes.map((c) => [c.id, c])),
    outOfSchool: new Map(source.outOfSchool.map((r) => [r.schoolId, r])),
  };
  const byPupil = new Map<string, AttendanceMark[]>();
  source.rows.forEach((row, index) => {
    if (row.schoolId === '') {
      findings.warning('missing-id', {
        recordRef: `register ${source.registrationPeriodId} row ${index + 1}`,
        message: `a ${source.session} register row has no pupil SchoolId and was skipped`,
        fix: 'check the register in iSAMS Registration Manager for a row without a pupil',
      });
      return;
    }
    const rows = byPupil.get(row.schoolId) ?? [];
    rows.push(toMark(row, codes));
    byPupil.set(row.schoolId, rows);
  });

  const marks: AttendanceMark[] = [];
  for (const [isamsId, rows] of byPupil) {
    const chosen = rows.length === 1 ? rows[0] : [...rows].sort(compareForDeduplication)[0];
    // A leftover 'not taken' row beside a taken mark is noise; two taken marks that disagree need a person.
    if (rows.length > 1 && rows.some((r) => r.status !== 'not_taken' && !sameMark(r, chosen))) {
      findings.warning('duplicate-record', {
        recordRef: `register ${source.registrationPeriodId} SchoolId=${isamsId}`,
        message: `the ${source.session} register holds ${rows.length} different marks for one pupil; kept '${chosen.code || chosen.status}' (${chosen.status})`,
        fix: "correct the pupil's mark in iSAMS Registration Manager so the register holds one row per pupil",
      });
    }
    const mark = { ...chosen };
    const studentId = source.students?.get(isamsId);
    if (studentId !== undefined) mark.studentId = studentId;
    else if (source.students !== undefined) {
      findings.warning('unknown-pupil', {
        recordRef: `register ${source.registrationPeriodId} SchoolId=${isamsId}`,
        message: `the ${source.session} register has a mark for a pupil SchoolsBuddy does not know; it is kept but not linked to a student`,
        fix: 'none if the pupil joined today (the next sync adds them); otherwise check the pupil is a current pupil in iSAMS Pupil Manager',
      });
    }
    marks.push(mark);
  }
  marks.sort((a, b) => (a.isamsId < b.isamsId ? -1 : a.isamsId > b.isamsId ? 1 : 0));
  return { marks, findings: findings.findings };
}
