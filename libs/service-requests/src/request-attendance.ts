import { type AttendanceSession, attendanceRequestedV1, buildEnvelope } from '@isams-sync/contracts';
import type { MessagingClient } from '@isams-sync/messaging';
import type { AttendanceRepository, StoredPull } from '@isams-sync/persistence';

export interface AttendanceRequest {
  schoolId: string;
  date: string;
  sessions: readonly AttendanceSession[];
  requestedBy: string;
  timeoutMs: number;
}

/**
 * Asks the attendance service for a pull (`attendance.requested.v1`) and waits for the result of
 * each session: the service records every attempt under the slot `request:<eventId>`. Returns the
 * finished pulls by session, or undefined when no service answered in time.
 */
export async function requestAttendance(
  messaging: MessagingClient,
  store: AttendanceRepository,
  request: AttendanceRequest,
): Promise<StoredPull[] | undefined> {
  const { schoolId, date, sessions } = request;
  const envelope = buildEnvelope(attendanceRequestedV1, {
    schoolId,
    data: { date, sessions: [...sessions], requestedBy: request.requestedBy },
  });
  await messaging.ready();
  await messaging.publish('internal', attendanceRequestedV1.routingKey, envelope);
  const slot = `request:${envelope.eventId}`;
  const deadline = Date.now() + request.timeoutMs;
  while (Date.now() < deadline) {
    const found = await Promise.all(sessions.map((session) => store.findPull({ schoolId, date, session, slot })));
    const finished = found.filter((p): p is StoredPull => p !== null && p.status !== 'running');
    if (finished.length === sessions.length) return finished.sort((a, b) => a.session.localeCompare(b.session));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}
