import mongoose from 'mongoose';
import { ATTENDANCE_STATUSES, type AttendanceSession, type AttendanceStatus } from '@isams-sync/contracts';
import { MessagingClient } from '@isams-sync/messaging';
import { createLogger } from '@isams-sync/observability';
import {
  AttendanceRepository,
  SchoolNotFoundError,
  SchoolRepository,
  type StoredMark,
  type StoredPull,
} from '@isams-sync/persistence';
import { SecretCipher } from '@isams-sync/secrets';
import { requestAttendance } from '@isams-sync/service-requests';
import { loadCliConfig, requireSecretsKey } from '../config/cli.config';
import { cliActor } from './cli-messaging';
import { type CliEnv, CliUsageError, type CliIo, exitWith, positiveNumber, type RegisterCommand } from './command';

const HELP = `
  (pull)   asks the attendance service for an AM and PM pull now (attendance.requested.v1 over RabbitMQ)
           and waits for its result: marks per status, events published, findings, or the failure and its fix.
           --date defaults to today in the school's timezone; --session pulls only one; --timeout default 120.
  report   who was absent AM/PM, late, out of school and not yet taken on that date, from the stored marks.

Needs the attendance service running for a pull (the pull goes through its breaker, limiter and token cache).
Environment: MONGO_URL, AMQP_URL, MESSAGING_PREFIX (as the services), SECRETS_KEY (required).
Exit 0 when every pull succeeded, 1 when one failed, the school is unknown or no service answered, 2 on a usage mistake.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SESSIONS: readonly AttendanceSession[] = ['AM', 'PM'];

const LABEL: Record<AttendanceStatus, string> = {
  present: 'present',
  late: 'late',
  absent_authorised: 'absent (authorised)',
  absent_unauthorised: 'absent (unauthorised)',
  out_of_school: 'out of school',
  not_taken: 'not taken',
};

interface AttendanceOptions {
  school: string;
  date?: string;
  session?: string;
  timeout: number;
  actor?: string;
  json?: boolean;
}

export const registerAttendance: RegisterCommand = (program, ctx) => {
  const attendance = program
    .command('attendance')
    .summary('pull AM/PM registration marks for a school now, or report who was absent on a date')
    .usage(
      '--school ID [--date YYYY-MM-DD] [--session AM|PM] [--timeout SECONDS] [--json]  |  report --school ID --date YYYY-MM-DD [--json]',
    )
    // not a required option here: commander would then ask for it before 'attendance report' too
    .option('--school <id>', 'the school (required)')
    .option('--date <YYYY-MM-DD>', "default: today in the school's timezone")
    .option('--session <AM|PM>', 'pull only this session')
    .option('--timeout <seconds>', 'wait this long for the service', positiveNumber('--timeout'), 120)
    .option('--actor <name>', 'who requests the pull')
    .option('--json', 'the result as one JSON object')
    .addHelpText('after', HELP)
    .action(exitWith(ctx, (values: AttendanceOptions) => attendanceCommand(false, values, ctx.io, ctx.env)));
  attendance
    .command('report')
    .summary('who was absent, late, out of school and not yet taken on a date, from the stored marks')
    .requiredOption('--school <id>', 'the school')
    .requiredOption('--date <YYYY-MM-DD>', 'the day')
    .option('--json', 'the report as one JSON object')
    .action(exitWith(ctx, (values: AttendanceOptions) => attendanceCommand(true, values, ctx.io, ctx.env)));
};

async function attendanceCommand(report: boolean, values: AttendanceOptions, io: CliIo, env?: CliEnv): Promise<number> {
  if (!values.school) throw new CliUsageError('--school is required');
  if (values.date !== undefined && !DATE.test(values.date)) throw new CliUsageError('--date must be YYYY-MM-DD');
  const session = values.session?.toUpperCase();
  if (session !== undefined && !SESSIONS.includes(session as AttendanceSession))
    throw new CliUsageError('--session must be AM or PM');
  const config = loadCliConfig(env);
  const requestedBy = report ? '' : cliActor(config, values.actor);
  const key = requireSecretsKey(config);
  const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const schools = SchoolRepository.onConnection(connection, new SecretCipher({ current: key }));
    const school = await schools.getPublic(values.school);
    if (!school) throw new SchoolNotFoundError(values.school);
    const store = AttendanceRepository.onConnection(connection);
    if (report)
      return printReport(
        io,
        school.id,
        values.date as string,
        await store.marksOf(school.id, values.date as string),
        await store.pullsOf(school.id, values.date as string),
        values.json === true,
      );
    const date = values.date ?? localDate(new Date(), school.timezone);
    const sessions = session ? [session as AttendanceSession] : [...SESSIONS];
    return await requestPull(io, {
      config,
      store,
      schoolId: school.id,
      date,
      sessions,
      timeoutMs: values.timeout * 1000,
      json: values.json === true,
      requestedBy,
    });
  } finally {
    await connection.close();
  }
}

function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

interface PullOptions {
  config: ReturnType<typeof loadCliConfig>;
  store: AttendanceRepository;
  schoolId: string;
  date: string;
  sessions: AttendanceSession[];
  timeoutMs: number;
  json: boolean;
  requestedBy: string;
}

/**
 * Publishes the request and waits for the service's pull records, so the pull runs where every
 * pull runs: behind the service's breaker, limiter and token cache (an app never imports another
 * app, so the CLI could not run the use case itself without copying it).
 */
async function requestPull(io: CliIo, options: PullOptions): Promise<number> {
  const { config, store, schoolId, date, sessions } = options;
  const messaging = new MessagingClient({
    url: config.AMQP_URL,
    prefix: config.MESSAGING_PREFIX,
    prefetch: 1,
    app: 'cli',
    logger: createLogger('cli', 'silent'),
  });
  if (!options.json)
    io.err(
      `asking for ${sessions.join(' and ')} attendance of ${schoolId} on ${date}; waiting for the attendance service…`,
    );
  let finished: StoredPull[] | undefined;
  try {
    finished = await requestAttendance(messaging, store, {
      schoolId,
      date,
      sessions,
      requestedBy: options.requestedBy,
      timeoutMs: options.timeoutMs,
    });
  } finally {
    await messaging.close(2_000).catch(() => undefined);
  }
  if (!finished) {
    io.err(
      `no result within ${options.timeoutMs / 1000} s: is the attendance service running (and reading the same RabbitMQ and MESSAGING_PREFIX)? The request stays queued.`,
    );
    return 1;
  }
  if (options.json) io.out(JSON.stringify({ schoolId, date, pulls: finished.map(pullSummary) }));
  else for (const pull of finished) io.out(describePull(pull));
  return finished.every((p) => p.status === 'succeeded') ? 0 : 1;
}

export function pullSummary(pull: StoredPull) {
  return {
    session: pull.session,
    status: pull.status,
    counts: pull.counts ?? {},
    eventsPublished: pull.eventsPublished ?? 0,
    findings: pull.findings?.length ?? 0,
    error: pull.error,
    fix: pull.fix,
  };
}

function describePull(pull: StoredPull): string {
  if (pull.status === 'failed')
    return `${pull.session}: FAILED — ${pull.error}${pull.fix ? `\n    fix: ${pull.fix}` : ''}`;
  const counts = ATTENDANCE_STATUSES.map((s) => `${LABEL[s]} ${pull.counts?.[s] ?? 0}`).join(', ');
  return `${pull.session}: ${counts}; ${pull.eventsPublished ?? 0} changed mark(s) published; ${pull.findings?.length ?? 0} finding(s)`;
}

const cell = (mark: StoredMark | undefined) =>
  !mark
    ? '-'
    : `${LABEL[mark.status]}${mark.code ? ` (${mark.code}${mark.minutesLate ? `, ${mark.minutesLate} min` : ''})` : ''}`;

function printReport(
  io: CliIo,
  schoolId: string,
  date: string,
  marks: StoredMark[],
  pulls: StoredPull[],
  json: boolean,
): number {
  const byPupil = new Map<string, Partial<Record<AttendanceSession, StoredMark>>>();
  for (const mark of marks) byPupil.set(mark.isamsId, { ...byPupil.get(mark.isamsId), [mark.session]: mark });
  const groups: Array<[string, (s: AttendanceStatus) => boolean]> = [
    ['Absent', (s) => s === 'absent_authorised' || s === 'absent_unauthorised'],
    ['Late', (s) => s === 'late'],
    ['Out of school', (s) => s === 'out_of_school'],
    ['Not yet taken', (s) => s === 'not_taken'],
  ];
  const sections = groups.map(([title, match]) => ({
    title,
    pupils: [...byPupil.entries()]
      .filter(([, sessions]) => SESSIONS.some((s) => sessions[s] && match(sessions[s]!.status)))
      .sort(([a], [b]) => a.localeCompare(b)),
  }));
  if (json) {
    const view = (sessions: Partial<Record<AttendanceSession, StoredMark>>) =>
      Object.fromEntries(
        SESSIONS.map((s) => [
          s,
          sessions[s]
            ? { status: sessions[s]!.status, code: sessions[s]!.code, minutesLate: sessions[s]!.minutesLate }
            : null,
        ]),
      );
    io.out(
      JSON.stringify({
        schoolId,
        date,
        sections: Object.fromEntries(
          sections.map(({ title, pupils }) => [
            title,
            pupils.map(([isamsId, sessions]) => ({
              isamsId,
              studentId: sessions.AM?.studentId ?? sessions.PM?.studentId,
              ...view(sessions),
            })),
          ]),
        ),
      }),
    );
    return 0;
  }
  io.out(`Attendance of ${schoolId} on ${date}`);
  for (const session of SESSIONS) {
    const ofSession = marks.filter((m) => m.session === session);
    const last = pulls.filter((p) => p.session === session && p.status === 'succeeded').at(-1);
    if (ofSession.length === 0) {
      io.out(
        `  ${session}: no marks yet${pulls.some((p) => p.session === session && p.status === 'failed') ? ' (the last pull failed: isams-sync attendance --school … shows why)' : ''}`,
      );
      continue;
    }
    const counts = ATTENDANCE_STATUSES.map((s) => `${LABEL[s]} ${ofSession.filter((m) => m.status === s).length}`).join(
      ', ',
    );
    io.out(
      `  ${session}: ${ofSession.length} pupils — ${counts}${last?.finishedAt ? `; pulled ${last.finishedAt.toISOString()}` : ''}`,
    );
  }
  for (const { title, pupils } of sections) {
    io.out('');
    io.out(`${title} (${pupils.length})`);
    if (pupils.length === 0) continue;
    io.out(`  ${'SchoolId'.padEnd(12)} ${'AM'.padEnd(30)} PM`);
    for (const [isamsId, sessions] of pupils)
      io.out(`  ${isamsId.padEnd(12)} ${cell(sessions.AM).padEnd(30)} ${cell(sessions.PM)}`);
  }
  return 0;
}
