import type { GetMessage } from 'amqplib';
import { type AttendanceChangedV1, type AttendanceStatus, type Envelope } from '@isams-sync/contracts';
import { SchoolRepository } from '@isams-sync/persistence';
import type { RegisterMark, SimulatedSchool } from '@isams-sync/simulator';
import type { RunningSimulator } from '../../apps/isams-simulator/src/isams-simulator.server';
import { type BrokerProbe, type RunningService, startService, testLogger, testServiceEnv } from '@isams-sync/testing';
import { AttendanceModule } from '../../apps/attendance/src/attendance.module';
import { loadAttendanceConfig } from '../../apps/attendance/src/config/attendance.config';

/** Every REST request the service made, seen through a wrapper around the real fetch (real HTTP underneath). */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  at: number;
  status?: number;
}

export class RequestLog {
  readonly seen: SeenRequest[] = [];
  /** runs before a request is sent: a test can move the simulator on between two pages */
  before?: (request: SeenRequest) => void;

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const request: SeenRequest = { path: url.pathname, query: url.searchParams, at: Date.now() };
    this.before?.(request);
    this.seen.push(request);
    const response = await fetch(input, init);
    request.status = response.status;
    return response;
  };

  of(pathPart: string): SeenRequest[] {
    return this.seen.filter((r) => r.path.includes(pathPart));
  }

  clear(): void {
    this.seen.length = 0;
    this.before = undefined;
  }
}

/** Fast retries for tests: the same rules, shorter waits. */
export const TEST_ATTENDANCE_ENV = {
  ATTENDANCE_SCHEDULE_ENABLED: 'false',
  ISAMS_BACKOFF_BASE_MS: '20',
  ISAMS_BACKOFF_CAP_MS: '1500',
  ISAMS_MAX_ATTEMPTS: '4',
  ISAMS_REST_TIMEOUT_MS: '5000',
  ISAMS_REST_PAGE_SIZE: '25',
};

export async function startAttendance(
  log: RequestLog,
  env = testServiceEnv('attendance', TEST_ATTENDANCE_ENV),
): Promise<{ service: RunningService; env: Record<string, string> }> {
  const service = await startService(
    AttendanceModule.forRoot(loadAttendanceConfig(env), testLogger(), { fetchImpl: log.fetch }),
    env,
  );
  await service.messaging.ready();
  return { service, env };
}

export async function addSchool(
  service: RunningService,
  sim: RunningSimulator,
  id: string,
  patch: { clientSecret?: string } = {},
): Promise<void> {
  const info = sim.school.info();
  await service.app.get(SchoolRepository).add({
    id,
    name: `School ${id}`,
    accessUrl: sim.url,
    timezone: 'Europe/London',
    batchKeys: info.keys,
    rest: {
      clientId: info.rest.clientId,
      clientSecret: patch.clientSecret ?? info.rest.clientSecret,
      tokenPath: info.rest.tokenPath,
      amRegisterId: info.registers.am,
      pmRegisterId: info.registers.pm,
    },
  });
}

/**
 * What a pupil's mark should be, read from the simulator's own register rows (its truth, not the
 * REST answer): the oracle the pulled marks are checked against.
 */
export function expectedStatus(
  school: SimulatedSchool,
  row: RegisterMark,
  outOfSchool: ReadonlySet<string>,
): AttendanceStatus {
  if (!row.registered) return outOfSchool.has(row.schoolId) ? 'out_of_school' : 'not_taken';
  if (row.outOfSchool) return 'out_of_school';
  if (row.absenceCodeId !== null)
    return school.data.absenceCodes.find((c) => c.id === row.absenceCodeId)?.authorised
      ? 'absent_authorised'
      : 'absent_unauthorised';
  if (row.late) return 'late';
  return 'present';
}

/** Pupils with exactly one row in the register, with their row (pupils with duplicates are checked apart). */
export function singleRows(rows: readonly RegisterMark[]): Map<string, RegisterMark> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.schoolId, (counts.get(row.schoolId) ?? 0) + 1);
  return new Map(rows.filter((r) => counts.get(r.schoolId) === 1).map((r) => [r.schoolId, r]));
}

export type Listener = Awaited<ReturnType<BrokerProbe['listen']>>;

/** The attendance.changed events of one school taken off a listener queue so far. */
export async function eventsOf(
  listener: Listener,
  schoolId: string,
): Promise<Array<Envelope<AttendanceChangedV1> & { routingKey: string }>> {
  const all: GetMessage[] = await listener.drain();
  return all
    .map((m) => ({
      ...(JSON.parse(m.content.toString('utf8')) as Envelope<AttendanceChangedV1>),
      routingKey: m.fields.routingKey,
    }))
    .filter((e) => e.schoolId === schoolId);
}
