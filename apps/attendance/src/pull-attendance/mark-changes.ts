import { type AttendanceSession, deterministicId } from '@isams-sync/contracts';
import type { AttendanceMark } from '@isams-sync/normalise';
import type { MarkToStore } from '@isams-sync/persistence';

/** What is known of a pupil's mark from the last pull. */
export interface PreviousMark {
  isamsId: string;
  studentId?: string;
  status: AttendanceMark['status'];
  code: string;
  minutesLate?: number;
  version?: number;
}

export interface ChangeContext {
  schoolId: string;
  date: string;
  session: AttendanceSession;
  registrationPeriodId: string;
  /** pupils the directory does not know: stored, never published (there is no student to tell) */
  unpublished: ReadonlySet<string>;
}

/** The parts of a mark that, when they differ, make a change worth an event. */
function sameMark(previous: PreviousMark, next: AttendanceMark): boolean {
  return (
    previous.status === next.status &&
    previous.code === next.code &&
    (previous.minutesLate ?? 0) === (next.minutesLate ?? 0) &&
    previous.studentId === next.studentId
  );
}

/**
 * The event id of one version of one pupil's mark. School, date, session, pupil and mark make it
 * deterministic (a re-sent event keeps it); the version keeps present → absent → present apart.
 */
export function attendanceEventId(
  context: Pick<ChangeContext, 'schoolId' | 'date' | 'session'>,
  mark: AttendanceMark,
  version: number,
): string {
  return deterministicId(
    'attendance.changed',
    context.schoolId,
    context.date,
    context.session,
    mark.isamsId,
    version,
    mark.status,
    mark.code,
    mark.minutesLate ?? 0,
    mark.studentId ?? '',
  );
}

/**
 * The marks that are new or differ from the last pull, ready to store with their events. A pupil
 * missing from this pull keeps their last mark (a register never un-takes a pupil).
 */
export function changedMarks(
  previous: readonly PreviousMark[],
  next: readonly AttendanceMark[],
  context: ChangeContext,
): MarkToStore[] {
  const before = new Map(previous.map((mark) => [mark.isamsId, mark]));
  const changes: MarkToStore[] = [];
  for (const mark of next) {
    const old = before.get(mark.isamsId);
    if (old && sameMark(old, mark)) continue;
    const version = (old?.version ?? 0) + 1;
    changes.push({
      ...mark,
      registrationPeriodId: context.registrationPeriodId,
      version,
      ...(old ? { previousStatus: old.status } : {}),
      ...(context.unpublished.has(mark.isamsId) ? {} : { eventId: attendanceEventId(context, mark, version) }),
    });
  }
  return changes;
}
