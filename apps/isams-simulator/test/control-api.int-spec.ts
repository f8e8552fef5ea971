import type { SchoolChange, SchoolInfo, KeyConfig, PupilRecord } from '@isams-sync/simulator';
import { startSimulator, type RunningSimulator } from '../src/isams-simulator.server';
import { httpRequest, json } from './http-client';

const BATCH = '/api/batch/1.0/xml.ashx';
const pupilCount = (xml: string) => (xml.match(/<Pupil [^>]*PersonGuid/g) ?? []).length;

describe('control API over HTTP', () => {
  let sim: RunningSimulator;
  const control = <T>(method: string, path: string, body?: unknown) =>
    json<T>(`${sim.url}/_sim/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeEach(async () => {
    sim = await startSimulator({ seed: 77, pupils: 60 });
  });
  afterEach(() => sim.close());

  it('GET /_sim/school describes the school: URL, keys, REST credentials, registers', async () => {
    const { status, value } = await control<SchoolInfo>('GET', 'school');
    expect(status).toBe(200);
    expect(value.accessUrl).toBe(sim.url);
    expect(Object.keys(value.keys).sort()).toEqual(['contacts', 'photos', 'pupils', 'staff', 'structure', 'teaching']);
    expect(value.rest).toMatchObject({ tokenPath: '/auth/connect/token', scope: 'restapi' });
    expect(value.registers.pm).toBe(value.registers.am + 1);
    expect(value.today).toBe('2026-11-23');
    const medical = await startSimulator({ seed: 77, pupils: 10, medical: true });
    try {
      expect(medical.school.info().keys.medical).toMatch(/^[0-9A-F-]{36}$/);
    } finally {
      await medical.close();
    }
  });

  it('POST /_sim/day/advance moves the school on and lists the changes, which GET /_sim/changes keeps', async () => {
    sim.school.configureKey('pupils', { cacheSeconds: 0 });
    const advanced = await control<{ today: string; changes: SchoolChange[] }>('POST', 'day/advance', { days: 2 });
    expect(advanced.value.today).toBe('2026-11-25');
    const types = new Set(advanced.value.changes.map((change) => change.type));
    for (const type of ['joiner', 'leaver', 'form-move', 'house-move', 'email-change', 'new-contact'])
      expect(types).toContain(type);
    expect((await control<SchoolChange[]>('GET', 'changes')).value).toEqual(advanced.value.changes);
    const last = advanced.value.changes[advanced.value.changes.length - 1].seq;
    expect((await control<SchoolChange[]>('GET', `changes?since=${last - 1}`)).value).toHaveLength(1);

    const joiner = advanced.value.changes.find((change) => change.type === 'joiner') as Extract<
      SchoolChange,
      { type: 'joiner' }
    >;
    const leaver = advanced.value.changes.find((change) => change.type === 'leaver') as Extract<
      SchoolChange,
      { type: 'leaver' }
    >;
    const feed = await httpRequest(`${sim.url}${BATCH}?apiKey=${sim.school.info().keys.pupils}`);
    expect(feed.text).toContain(`<SchoolId>${joiner.schoolId}</SchoolId>`);
    expect(feed.text).not.toContain(`<SchoolId>${leaver.schoolId}</SchoolId>`);
  });

  it('runs the pupils-feed scenarios and resets', async () => {
    sim.school.configureKey('pupils', { cacheSeconds: 0 });
    const feed = async () =>
      pupilCount((await httpRequest(`${sim.url}${BATCH}?apiKey=${sim.school.info().keys.pupils}`)).text);
    expect(await feed()).toBe(60);
    expect((await control('POST', 'scenario/empty-pupils')).status).toBe(200);
    expect(await feed()).toBe(0);
    await control('POST', 'scenario/truncated-pupils');
    expect(await feed()).toBe(30);
    await control('POST', 'scenario/restore-feeds');
    expect(await feed()).toBe(60);
    await control('POST', 'day/advance');
    const reset = await control<{ changes: SchoolChange[] }>('POST', 'scenario/reset');
    expect(reset.value.changes).toEqual([expect.objectContaining({ type: 'scenario', name: 'reset', seq: 1 })]);
    expect(sim.school.info().today).toBe('2026-11-23');
    expect((await control('POST', 'scenario/meteor')).status).toBe(400);
  });

  it('runs the summer roll-over: everyone up a year, Year 13 gone', async () => {
    const before = (await control<PupilRecord[]>('GET', 'truth/pupils')).value;
    const rolled = await control<{ today: string; changes: SchoolChange[] }>('POST', 'scenario/summer-rollover');
    expect(rolled.value.today).toBe('2027-09-03');
    const after = new Map(
      (await control<PupilRecord[]>('GET', 'truth/pupils')).value.map((pupil) => [pupil.schoolId, pupil]),
    );
    for (const pupil of before) {
      if (pupil.ncYear === 13) expect(after.has(pupil.schoolId)).toBe(false);
      else expect(after.get(pupil.schoolId)?.ncYear).toBe(pupil.ncYear === 106 ? 7 : pupil.ncYear + 1);
    }
    expect(rolled.value.changes[1]).toMatchObject({ type: 'rollover', fromAcademicYear: 2026, toAcademicYear: 2027 });
  });

  it('PUT /_sim/keys/{dataset} configures methods, activity, cache and throttle', async () => {
    const put = await control<KeyConfig>('PUT', 'keys/pupils', {
      extraMethods: ['Pupil_GetSiblings'],
      cacheSeconds: 10,
      throttle: { limit: 1, windowSeconds: 60, retryAfterSeconds: 7 },
    });
    expect(put.status).toBe(200);
    expect(put.value).toMatchObject({
      methods: ['Pupil_GetCurrentPupils', 'Pupil_GetSiblings'],
      cacheSeconds: 10,
      throttle: { limit: 1, windowSeconds: 60, retryAfterSeconds: 7 },
    });
    const url = `${sim.url}${BATCH}?apiKey=${put.value.apiKey}`;
    expect((await httpRequest(url)).text).toContain('<Siblings>');
    expect((await httpRequest(url)).headers['retry-after']).toBe('7');
    await control('PUT', 'keys/pupils', { active: false, throttle: null });
    expect((await httpRequest(url)).status).toBe(401);
    for (const [body, status] of [
      [{ methods: ['Nope'] }, 400],
      [{ throttle: { limit: -1, windowSeconds: 60 } }, 400],
      [{ active: 'yes' }, 400],
      [{ cacheSeconds: -5 }, 400],
    ] as const) {
      expect((await control('PUT', 'keys/pupils', body)).status).toBe(status);
    }
    expect((await control('PUT', 'keys/medical', { active: true })).status).toBe(404);
    expect((await control<KeyConfig[]>('GET', 'keys')).value.map((key) => key.name)).toContain('registration');
  });

  it('moves the clock, clears caches, retakes a register and shows the truth', async () => {
    sim.school.configureKey('pupils', { cacheSeconds: 3600 });
    const url = `${sim.url}${BATCH}?apiKey=${sim.school.info().keys.pupils}`;
    await httpRequest(url);
    await control('POST', 'scenario/empty-pupils');
    expect(pupilCount((await httpRequest(url)).text)).toBe(60);
    await control('POST', 'cache/clear');
    expect(pupilCount((await httpRequest(url)).text)).toBe(0);
    expect((await control<{ now: string }>('POST', 'clock/advance', { seconds: 60 })).status).toBe(200);
    const { am } = sim.school.info().registers;
    const retake = await control<SchoolChange[]>('POST', `registers/${am}/retake`);
    expect(retake.value).toEqual([
      expect.objectContaining({ type: 'register-retake', registrationPeriodId: am, version: 1 }),
    ]);
    expect((await control('POST', 'registers/5/retake')).status).toBe(400);
    const registers = await control<{ am: { marks: { registered: boolean }[] } }>('GET', 'truth/registers');
    expect(registers.value.am.marks.every((mark) => mark.registered)).toBe(true);
    expect(
      (await control<{ contactsWithoutEmail: number[] }>('GET', 'truth/quality')).value.contactsWithoutEmail.length,
    ).toBeGreaterThan(0);
    expect((await control('GET', 'truth/everything')).status).toBe(404);
    expect((await control('PUT', 'rest', { tokenLifetimeSeconds: 60 })).value).toMatchObject({
      tokenLifetimeSeconds: 60,
    });
  });

  it('answers unknown endpoints and bad bodies with JSON errors', async () => {
    expect((await control('GET', 'nothing-here')).status).toBe(404);
    const bad = await httpRequest(`${sim.url}/_sim/day/advance`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toContain('JSON');
    expect((await control('POST', 'day/advance', { days: 0 })).status).toBe(400);
  });
});
