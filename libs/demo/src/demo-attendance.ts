import type { Connection } from 'mongoose';
import { ATTENDANCE_STATUSES, type AttendanceSession, type AttendanceStatus } from '@isams-sync/contracts';
import type { MessagingClient } from '@isams-sync/messaging';
import { AttendanceRepository, SchoolExistsError, SchoolRepository } from '@isams-sync/persistence';
import { SecretCipher } from '@isams-sync/secrets';
import type { SchoolInfo } from '@isams-sync/simulator';
import { requestAttendance } from '@isams-sync/service-requests';

export interface DemoAttendanceSession {
  status: 'succeeded' | 'failed';
  /** marks per status */
  marks: Record<AttendanceStatus, number>;
  eventsPublished: number;
  findings: number;
  error?: string;
}

export interface DemoAttendance {
  date: string;
  sessions: Partial<Record<AttendanceSession, DemoAttendanceSession>>;
  /** pupils absent in either session, by SchoolId, with their AM/PM status */
  absent: Array<{ isamsId: string; AM?: AttendanceStatus; PM?: AttendanceStatus }>;
}

/**
 * The demo's attendance step: registers the simulated school's REST credentials and AM/PM register
 * ids (once), asks the running attendance service for an AM and a PM pull over RabbitMQ, and
 * returns, per session, the marks per status and the events published, and who was absent.
 */
export async function runDemoAttendance(options: {
  db: Connection;
  messaging: MessagingClient;
  school: SchoolInfo;
  schoolId: string;
  secretsKey: string;
  timeoutMs?: number;
}): Promise<DemoAttendance> {
  const { db, messaging, school, schoolId } = options;
  const schools = SchoolRepository.onConnection(db, new SecretCipher({ current: options.secretsKey }), {
    insecureHosts: [new URL(school.accessUrl).hostname],
  });
  const rest = {
    clientId: school.rest.clientId,
    clientSecret: school.rest.clientSecret,
    tokenPath: school.rest.tokenPath,
    amRegisterId: school.registers.am,
    pmRegisterId: school.registers.pm,
  };
  try {
    await schools.add({
      id: schoolId,
      name: school.name,
      accessUrl: school.accessUrl,
      timezone: 'Europe/London',
      batchKeys: school.keys,
      rest,
    });
  } catch (error) {
    if (!(error instanceof SchoolExistsError)) throw error;
    await schools.update(schoolId, { rest });
  }
  const store = AttendanceRepository.onConnection(db);
  const pulls = await requestAttendance(messaging, store, {
    schoolId,
    date: school.today,
    sessions: ['AM', 'PM'],
    requestedBy: 'demo',
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  if (!pulls) throw new Error('the attendance service did not answer the AM/PM pull request in time');
  const sessions: DemoAttendance['sessions'] = {};
  for (const pull of pulls) {
    const marks = Object.fromEntries(ATTENDANCE_STATUSES.map((s) => [s, pull.counts?.[s] ?? 0])) as Record<
      AttendanceStatus,
      number
    >;
    sessions[pull.session] = {
      status: pull.status === 'succeeded' ? 'succeeded' : 'failed',
      marks,
      eventsPublished: pull.eventsPublished ?? 0,
      findings: pull.findings?.length ?? 0,
      ...(pull.error ? { error: pull.error } : {}),
    };
  }
  const byPupil = new Map<string, DemoAttendance['absent'][number]>();
  for (const mark of await store.marksOf(schoolId, school.today)) {
    if (mark.status !== 'absent_authorised' && mark.status !== 'absent_unauthorised') continue;
    byPupil.set(mark.isamsId, {
      ...(byPupil.get(mark.isamsId) ?? { isamsId: mark.isamsId }),
      [mark.session]: mark.status,
    });
  }
  return {
    date: school.today,
    sessions,
    absent: [...byPupil.values()].sort((a, b) => a.isamsId.localeCompare(b.isamsId)),
  };
}
