import { QUEUES } from '@isams-sync/messaging';
import { type RunningSimulator, startSimulator } from '../apps/isams-simulator/src/isams-simulator.server';
import { type RunningService } from '@isams-sync/testing';
import { addSchool, RequestLog, startAttendance } from './support/attendance-harness';
import { captureCli } from './support/capture-cli';
import { runDemoAttendance } from '@isams-sync/demo';
import mongoose from 'mongoose';
import { SchoolRepository } from '@isams-sync/persistence';

describe('isams-sync attendance (CLI → RabbitMQ → attendance service → simulator)', () => {
  let sim: RunningSimulator;
  let service: RunningService;
  let env: Record<string, string>;
  let today: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, pupils: 50 });
    ({ service, env } = await startAttendance(new RequestLog()));
    await addSchool(service, sim, 'cli-school');
    today = sim.school.info().today;
  });

  afterAll(async () => {
    await service.close([QUEUES.attendanceRequested]);
    await sim.close();
  });

  async function cli(args: string[]) {
    return captureCli(['attendance', ...args], {
      MONGO_URL: env.MONGO_URL,
      AMQP_URL: env.AMQP_URL,
      MESSAGING_PREFIX: env.MESSAGING_PREFIX,
      SECRETS_KEY: env.SECRETS_KEY,
    });
  }

  it('pulls AM and PM through the service and prints marks per status', async () => {
    const ran = await cli(['--school', 'cli-school', '--date', today, '--json']);
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.out) as {
      pulls: Array<{ session: string; status: string; counts: Record<string, number>; eventsPublished: number }>;
    };
    expect(result.pulls.map((p) => [p.session, p.status])).toEqual([
      ['AM', 'succeeded'],
      ['PM', 'succeeded'],
    ]);
    const pupils = new Set(sim.school.register(sim.school.info().registers.am).map((r) => r.schoolId)).size;
    expect(Object.values(result.pulls[0].counts).reduce((a, b) => a + b, 0)).toBe(pupils);
    expect(result.pulls[0].eventsPublished).toBe(pupils);
  });

  it('reports who was absent, late, out of school and not yet taken', async () => {
    const ran = await cli(['report', '--school', 'cli-school', '--date', today]);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain(`Attendance of cli-school on ${today}`);
    for (const title of ['Absent (', 'Late (', 'Out of school (', 'Not yet taken (']) expect(ran.out).toContain(title);
    const absentAm = sim.school.register(sim.school.info().registers.am).find((r) => r.absenceCodeId !== null);
    expect(absentAm).toBeDefined();
    expect(ran.out).toContain(absentAm!.schoolId);
  });

  it('explains usage mistakes and unknown schools', async () => {
    expect((await cli(['report', '--school', 'cli-school'])).code).toBe(2);
    const unknown = await cli(['--school', 'nobody', '--date', today]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('nobody');
  });

  it("the demo's attendance step: registers the school, pulls AM and PM, counts marks and absentees", async () => {
    const db = await mongoose.createConnection(env.MONGO_URL).asPromise();
    try {
      const info = { ...sim.school.info(), accessUrl: sim.url };
      const result = await runDemoAttendance({
        db,
        messaging: service.messaging,
        school: info,
        schoolId: 'demo-school',
        secretsKey: env.SECRETS_KEY,
      });
      const pupils = new Set(sim.school.register(info.registers.am).map((r) => r.schoolId)).size;
      expect(result.sessions.AM).toMatchObject({ status: 'succeeded', eventsPublished: pupils });
      expect(Object.values(result.sessions.AM!.marks).reduce((a, b) => a + b, 0)).toBe(pupils);
      expect(result.sessions.PM?.status).toBe('succeeded');
      const absentAm = result.absent.filter((p) => p.AM?.startsWith('absent')).length;
      expect(absentAm).toBe(
        result.sessions.AM!.marks.absent_authorised + result.sessions.AM!.marks.absent_unauthorised,
      );
    } finally {
      await db.close();
    }
  });

  it('registers: lists the periods the REST credentials see, marking the configured AM and PM registers', async () => {
    const registers = (args: string[]) =>
      captureCli(['registers', ...args], { MONGO_URL: env.MONGO_URL, SECRETS_KEY: env.SECRETS_KEY });
    const { am, pm } = sim.school.info().registers;
    const ran = await registers(['--school', 'demo-school', '--date', today]);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain(
      `registration periods school 'demo-school' can see on ${today}: ${sim.school.periods().filter((period) => period.date.startsWith(today)).length}`,
    );
    expect(ran.out).toMatch(new RegExp(`^${am}\\s+AM\\s+${today}\\s+.*AM register$`, 'm'));
    expect(ran.out).toMatch(new RegExp(`^${pm}\\s+PM\\s+${today}\\s+.*PM register$`, 'm'));
    const json = JSON.parse((await registers(['--school', 'demo-school', '--date', today, '--json'])).out) as {
      periods: Array<{ id: string; configuredAs?: string }>;
    };
    expect(json.periods.map((period) => period.id).sort()).toEqual(
      sim.school
        .periods()
        .filter((period) => period.date.startsWith(today))
        .map((period) => String(period.id))
        .sort(),
    );
    expect(json.periods.find((period) => period.id === String(am))?.configuredAs).toBe('AM register');
    // without a date: every period the credentials can see
    const all = await registers(['--school', 'demo-school']);
    expect(all.code).toBe(0);
    expect(all.out).toContain(`registration periods school 'demo-school' can see: ${sim.school.periods().length}`);
    expect(all.out).toMatch(new RegExp(`^${am}\\s+AM\\s+${today}\\s+.*AM register$`, 'm'));
  });

  it('registers: a school without REST credentials is told how to add them; an unknown school is named', async () => {
    const registers = (args: string[]) =>
      captureCli(['registers', ...args], { MONGO_URL: env.MONGO_URL, SECRETS_KEY: env.SECRETS_KEY });
    const info = sim.school.info();
    await service.app
      .get(SchoolRepository)
      .add({ id: 'no-rest', name: 'No REST', accessUrl: sim.url, timezone: 'Europe/London', batchKeys: info.keys });
    const ran = await registers(['--school', 'no-rest']);
    expect(ran.code).toBe(1);
    expect(ran.err).toContain("school 'no-rest' has no iSAMS REST credentials");
    expect(ran.err).toContain('fix: isams-sync school update --id no-rest --rest-client-id');
    const unknown = await registers(['--school', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("school 'nobody' is not registered");
  });
});
