/**
 * How long one attendance pull takes for a 3,000-pupil school's AM register: token, codes, periods,
 * every page of the register, out-of-school records (over HTTP from the simulator), mapping,
 * (asked for as support would, with attendance.requested.v1, and timed by the pull's own stored start and end)
 * storing the marks and publishing an event per changed mark (real RabbitMQ with confirms, real
 * MongoDB-compatible server). A benchmark, not a test: it prints figures and asserts nothing.
 *
 *   npm run build && node dist/bench/attendance.bench.js [--pupils 3000] [--runs 3] [--json]
 *
 * Three figures per run, each on a fresh school id: the first pull of the day (every mark new:
 * 3,000 inserts and 3,000 events), a re-pull with nothing changed, and a pull after the register
 * was re-taken (a few changed marks). The simulator runs in this process, so its serving time is
 * included. With --json the last line is one JSON object with every figure.
 */
import 'reflect-metadata';
import { QUEUES } from '@isams-sync/messaging';
import { AttendanceRepository, SchoolRepository } from '@isams-sync/persistence';
import { requestAttendance } from '@isams-sync/service-requests';
import { startSimulator } from '../apps/isams-simulator/src/isams-simulator.server';
import { startService, testLogger, testServiceEnv } from '@isams-sync/testing';
import { AttendanceModule } from '../apps/attendance/src/attendance.module';
import { loadAttendanceConfig } from '../apps/attendance/src/config/attendance.config';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`);
  return value;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const pupils = option('pupils', 3000);
  const runs = option('runs', 3);
  const json = process.argv.includes('--json');
  const sim = await startSimulator({ seed: 42, pupils });
  const env = testServiceEnv('attendance-bench', { ATTENDANCE_SCHEDULE_ENABLED: 'false', LOG_LEVEL: 'silent' });
  const service = await startService(AttendanceModule.forRoot(loadAttendanceConfig(env), testLogger()), env);
  const figures: Array<{
    firstMs: number;
    repullMs: number;
    retakeMs: number;
    marks: number;
    events: number;
    retakeEvents: number;
  }> = [];
  try {
    await service.messaging.ready();
    const schools = service.app.get(SchoolRepository);
    const store = service.app.get(AttendanceRepository);
    const info = sim.school.info();
    for (let run = 0; run < runs; run++) {
      const schoolId = `bench-${run}`;
      await schools.add({
        id: schoolId,
        name: `Bench ${run}`,
        accessUrl: sim.url,
        timezone: 'Europe/London',
        batchKeys: info.keys,
        rest: {
          clientId: info.rest.clientId,
          clientSecret: info.rest.clientSecret,
          tokenPath: info.rest.tokenPath,
          amRegisterId: info.registers.am,
          pmRegisterId: info.registers.pm,
        },
      });
      const pull = async () => {
        const [result] =
          (await requestAttendance(service.messaging, store, {
            schoolId,
            date: info.today,
            sessions: ['AM'],
            requestedBy: 'bench',
            timeoutMs: 300_000,
          })) ?? [];
        if (!result?.finishedAt || !result.createdAt)
          throw new Error(`the AM pull of ${schoolId} did not finish: ${result?.error ?? 'no answer'}`);
        return {
          ms: result.finishedAt.getTime() - result.createdAt.getTime(),
          result: { counts: result.counts ?? {}, eventsPublished: result.eventsPublished ?? 0 },
        };
      };
      const first = await pull();
      const repull = await pull();
      sim.school.retakeRegister(info.registers.am);
      const retake = await pull();
      const marks = Object.values(first.result.counts).reduce((a, b) => a + b, 0);
      figures.push({
        firstMs: first.ms,
        repullMs: repull.ms,
        retakeMs: retake.ms,
        marks,
        events: first.result.eventsPublished,
        retakeEvents: retake.result.eventsPublished,
      });
      if (!json) {
        process.stdout.write(
          `run ${run + 1}: first pull ${first.ms.toFixed(0)} ms (${marks} marks, ${first.result.eventsPublished} events); re-pull ${repull.ms.toFixed(0)} ms (${repull.result.eventsPublished} events); after a retake ${retake.ms.toFixed(0)} ms (${retake.result.eventsPublished} events)\n`,
        );
      }
    }
  } finally {
    await service.close([QUEUES.attendanceRequested]);
    await sim.close();
  }
  const summary = {
    pupils,
    runs,
    firstPullMs: Math.round(median(figures.map((f) => f.firstMs))),
    repullMs: Math.round(median(figures.map((f) => f.repullMs))),
    afterRetakeMs: Math.round(median(figures.map((f) => f.retakeMs))),
    marks: figures[0]?.marks,
    eventsFirstPull: figures[0]?.events,
    eventsAfterRetake: figures[0]?.retakeEvents,
  };
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else
    process.stdout.write(
      `median of ${runs}: first pull ${summary.firstPullMs} ms, re-pull ${summary.repullMs} ms, after a retake ${summary.afterRetakeMs} ms\n`,
    );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
