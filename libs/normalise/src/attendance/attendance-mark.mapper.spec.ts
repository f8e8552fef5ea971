import type { RestRegistrationStatus } from '@isams-sync/isams';
import { type AttendanceSource, mapAttendanceMarks } from './attendance-mark.mapper';

const absenceCodes = [
  { id: '11', code: 'I', name: 'Illness', isAuthorised: true },
  { id: '12', code: 'N', name: 'No reason yet', isAuthorised: false },
];
const presentCodes = [
  { id: '1', code: '/', name: 'Present AM', isLate: false, isOffSite: false },
  { id: '2', code: 'L', name: 'Late', isLate: true, isOffSite: false },
  { id: '3', code: 'V', name: 'Educational visit', isLate: false, isOffSite: true },
];

const row = (patch: Partial<RestRegistrationStatus>): RestRegistrationStatus => ({
  schoolId: '000101',
  registrationPeriodId: '900',
  registered: true,
  present: true,
  late: false,
  minutesLate: 0,
  presentCodeId: '1',
  absenceCodeId: undefined,
  code: '/',
  outOfSchool: false,
  lastUpdated: '2026-11-23T08:55:00',
  ...patch,
});

const source = (rows: RestRegistrationStatus[], extra: Partial<AttendanceSource> = {}): AttendanceSource => ({
  session: 'AM',
  registrationPeriodId: '900',
  rows,
  absenceCodes,
  presentCodes,
  outOfSchool: [],
  ...extra,
});

describe('mapAttendanceMarks: one row → one status, code kept', () => {
  it.each([
    ['present', row({}), { status: 'present', code: '/', codeName: 'Present AM' }],
    [
      'late flag, minutes kept',
      row({ late: true, minutesLate: 7, presentCodeId: '2', code: 'L' }),
      { status: 'late', code: 'L', minutesLate: 7 },
    ],
    ['late code without the flag', row({ presentCodeId: '2', code: 'L' }), { status: 'late', code: 'L' }],
    [
      'authorised absence',
      row({ present: false, presentCodeId: undefined, absenceCodeId: '11', code: 'I' }),
      { status: 'absent_authorised', code: 'I', codeName: 'Illness' },
    ],
    [
      'unauthorised absence',
      row({ present: false, presentCodeId: undefined, absenceCodeId: '12', code: 'N' }),
      { status: 'absent_unauthorised', code: 'N' },
    ],
    [
      'unknown absence code counts as unauthorised',
      row({ present: false, presentCodeId: undefined, absenceCodeId: '99', code: 'Z' }),
      { status: 'absent_unauthorised', code: 'Z' },
    ],
    ['off-site present code', row({ presentCodeId: '3', code: 'V' }), { status: 'out_of_school', code: 'V' }],
    [
      'outOfSchool flag',
      row({ outOfSchool: true, presentCodeId: '3', code: 'V' }),
      { status: 'out_of_school', code: 'V' },
    ],
    [
      'not taken',
      row({ registered: false, present: false, presentCodeId: undefined, code: '', lastUpdated: undefined }),
      { status: 'not_taken', code: '' },
    ],
    ['code missing: taken from the code table', row({ code: undefined }), { status: 'present', code: '/' }],
    [
      'absent without any code',
      row({ present: false, presentCodeId: undefined, code: undefined }),
      { status: 'absent_unauthorised', code: '' },
    ],
  ])('%s', (_name, input, expected) => {
    const { marks, findings } = mapAttendanceMarks(source([input]));
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ isamsId: '000101', ...expected });
    expect(findings).toEqual([]);
  });

  it('drops minutesLate for a pupil who is not late', () => {
    expect(mapAttendanceMarks(source([row({ minutesLate: 5 })])).marks[0].minutesLate).toBeUndefined();
  });

  it('a register not taken yet shows an approved out-of-school pupil as out of school', () => {
    const notTaken = row({ registered: false, present: false, presentCodeId: undefined, code: '' });
    const away = {
      id: '1',
      schoolId: '000101',
      startDate: '2026-11-23T08:00:00',
      endDate: '2026-11-23T17:00:00',
      reason: 'Trip',
      presentCodeId: '3',
    };
    expect(mapAttendanceMarks(source([notTaken], { outOfSchool: [away] })).marks[0]).toMatchObject({
      status: 'out_of_school',
      code: 'V',
    });
  });
});

describe('mapAttendanceMarks: duplicate rows', () => {
  const absent = row({ present: false, presentCodeId: undefined, absenceCodeId: '11', code: 'I' });
  const notTaken = row({
    registered: false,
    present: false,
    presentCodeId: undefined,
    code: '',
    lastUpdated: undefined,
  });

  it.each([
    ['identical rows: one mark, no finding', [row({}), row({})], 'present', 0],
    ['taken beats not taken (either order)', [notTaken, absent], 'absent_authorised', 0],
    ['taken beats not taken (reversed)', [absent, notTaken], 'absent_authorised', 0],
    [
      'the later update wins',
      [row({ lastUpdated: '2026-11-23T09:10:00' }), { ...absent, lastUpdated: '2026-11-23T08:50:00' }],
      'present',
      1,
    ],
    ['a tie is broken by status, whatever the order', [row({}), absent], 'absent_authorised', 1],
    ['a tie is broken by status (reversed)', [absent, row({})], 'absent_authorised', 1],
  ])('%s', (_name, rows, status, findingCount) => {
    const { marks, findings } = mapAttendanceMarks(source(rows));
    expect(marks).toHaveLength(1);
    expect(marks[0].status).toBe(status);
    expect(findings.filter((f) => f.kind === 'duplicate-record')).toHaveLength(findingCount);
  });
});

describe('mapAttendanceMarks: linking pupils', () => {
  const rows = [row({ schoolId: '000101' }), row({ schoolId: '000102' })];

  it('links known pupils to their student and reports an unknown pupil as a finding', () => {
    const { marks, findings } = mapAttendanceMarks(source(rows, { students: new Map([['000101', 'student-1']]) }));
    expect(marks.map((m) => [m.isamsId, m.studentId])).toEqual([
      ['000101', 'student-1'],
      ['000102', undefined],
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'unknown-pupil',
        dataset: 'attendance',
        recordRef: 'register 900 SchoolId=000102',
      }),
    ]);
  });

  it('without a directory (no import yet) links nothing and reports nothing', () => {
    const { marks, findings } = mapAttendanceMarks(source(rows));
    expect(marks.every((m) => m.studentId === undefined)).toBe(true);
    expect(findings).toEqual([]);
  });

  it('skips a row without a SchoolId with a finding', () => {
    const { marks, findings } = mapAttendanceMarks(source([row({ schoolId: '' }), row({})]));
    expect(marks).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'missing-id' });
  });

  it('returns marks sorted by SchoolId, whatever the register order', () => {
    const { marks } = mapAttendanceMarks(
      source([row({ schoolId: '3' }), row({ schoolId: '1' }), row({ schoolId: '2' })]),
    );
    expect(marks.map((m) => m.isamsId)).toEqual(['1', '2', '3']);
  });
});
