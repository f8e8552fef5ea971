import type { AttendanceMark } from '@isams-sync/normalise';
import { attendanceEventId, changedMarks, type ChangeContext } from './mark-changes';

const context: ChangeContext = {
  schoolId: 'st-marys',
  date: '2026-11-23',
  session: 'AM',
  registrationPeriodId: '900',
  unpublished: new Set(),
};
const mark = (isamsId: string, patch: Partial<AttendanceMark> = {}): AttendanceMark => ({
  isamsId,
  status: 'present',
  code: '/',
  ...patch,
});

describe('changedMarks', () => {
  it('reports every mark of a first pull, version 1, with no previous status', () => {
    const changes = changedMarks([], [mark('1'), mark('2', { status: 'absent_authorised', code: 'I' })], context);
    expect(changes.map((c) => [c.isamsId, c.version, c.previousStatus, c.registrationPeriodId])).toEqual([
      ['1', 1, undefined, '900'],
      ['2', 1, undefined, '900'],
    ]);
    expect(changes.every((c) => typeof c.eventId === 'string')).toBe(true);
  });

  it.each([
    ['the same mark', mark('1'), 0],
    ['a different status', mark('1', { status: 'late', code: 'L', minutesLate: 4 }), 1],
    ['the same status, another code', mark('1', { code: 'B' }), 1],
    ['other minutes late', mark('1', { minutesLate: 3 }), 1],
    ['the pupil now linked to a student', mark('1', { studentId: 's-1' }), 1],
    ['only lastUpdated moved', mark('1', { lastUpdated: '2026-11-23T09:30:00' }), 0],
  ])('against the last pull: %s → %i change(s)', (_name, next, count) => {
    const changes = changedMarks([{ isamsId: '1', status: 'present', code: '/', version: 1 }], [next], context);
    expect(changes).toHaveLength(count);
    if (count) expect(changes[0]).toMatchObject({ version: 2, previousStatus: 'present' });
  });

  it('keeps the marks of pupils missing from this pull (nothing to store, nothing to publish)', () => {
    expect(changedMarks([{ isamsId: '1', status: 'present', code: '/' }], [], context)).toEqual([]);
  });

  it('stores an unknown pupil without an event', () => {
    const [change] = changedMarks([], [mark('9')], { ...context, unpublished: new Set(['9']) });
    expect(change.eventId).toBeUndefined();
  });
});

describe('attendanceEventId', () => {
  it('is the same for the same school, date, session, pupil, mark and version', () => {
    expect(attendanceEventId(context, mark('1'), 1)).toBe(attendanceEventId({ ...context }, mark('1'), 1));
  });
  it.each([
    ['school', { ...context, schoolId: 'other' }, mark('1'), 1],
    ['date', { ...context, date: '2026-11-24' }, mark('1'), 1],
    ['session', { ...context, session: 'PM' as const }, mark('1'), 1],
    ['pupil', context, mark('2'), 1],
    ['mark', context, mark('1', { status: 'late', code: 'L' }), 1],
    ['version (present → absent → present)', context, mark('1'), 3],
  ])('differs by %s', (_name, ctx, m, version) => {
    expect(attendanceEventId(ctx, m, version)).not.toBe(attendanceEventId(context, mark('1'), 1));
  });
});
