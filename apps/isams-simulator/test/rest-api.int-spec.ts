import { REST_ARRAY_NAMES } from '@isams-sync/isams';
import { startSimulator, type RunningSimulator } from '../src/isams-simulator.server';
import { httpRequest, json } from './http-client';

interface TokenAnswer {
  access_token: string;
  expires_in: number;
  token_type: string;
  error?: string;
}

describe('REST API over HTTP', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 8, pupils: 60, dataQuality: { duplicateRegisterRow: 0.05 } });
  });
  afterAll(() => sim.close());

  const tokenRequest = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    json<TokenAnswer>(`${sim.url}${sim.school.info().rest.tokenPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  const credentials = () => ({
    grant_type: 'client_credentials',
    client_id: sim.school.info().rest.clientId,
    client_secret: sim.school.info().rest.clientSecret,
    scope: 'restapi',
  });
  const token = async () => (await tokenRequest(credentials())).value.access_token;
  const get = async <T = Record<string, unknown>>(path: string, bearer?: string) =>
    json<T>(`${sim.url}${path}`, { headers: bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` } });

  describe('token endpoint', () => {
    it('issues a bearer token for client credentials and scope restapi', async () => {
      const answer = await tokenRequest(credentials());
      expect(answer.status).toBe(200);
      expect(answer.value).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      expect(answer.value.access_token.length).toBeGreaterThan(20);
    });

    it('accepts the client credentials as HTTP Basic too', async () => {
      const { clientId, clientSecret } = sim.school.info().rest;
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      const answer = await tokenRequest(
        { grant_type: 'client_credentials', scope: 'restapi' },
        { Authorization: `Basic ${basic}` },
      );
      expect(answer.status).toBe(200);
    });

    it.each([[{ scope: 'apiv1' }], [{ scope: undefined }]])(
      'issues a token for %j too: real clients ask without a scope',
      async (override) => {
        const { scope: _scope, ...rest } = credentials();
        const answer = await tokenRequest({ ...rest, ...(override.scope === undefined ? {} : override) });
        expect(answer.status).toBe(200);
        expect(answer.value.access_token.length).toBeGreaterThan(20);
      },
    );

    it.each([
      [{ client_secret: 'wrong' }, 401, 'invalid_client'],
      [{ client_id: 'someone-else' }, 401, 'invalid_client'],
      [{ grant_type: 'password' }, 400, 'unsupported_grant_type'],
    ])('answers %j with %i %s', async (override, status, error) => {
      const answer = await tokenRequest({ ...credentials(), ...override });
      expect(answer.status).toBe(status);
      expect(answer.value.error).toBe(error);
    });
  });

  describe('bearer checks', () => {
    it.each([
      ['no token', undefined],
      ['a made-up token', 'not-a-token'],
    ])('answers %s with 401 and a JSON message', async (_, bearer) => {
      const answer = await get('/api/registration/absencecodes', bearer);
      expect(answer.status).toBe(401);
      expect(answer.value).toEqual({ message: 'Authorization has been denied for this request.' });
    });

    it('refuses a token once it has expired', async () => {
      const own = await startSimulator({ seed: 8, pupils: 10 });
      try {
        const { clientId, clientSecret, tokenPath } = own.school.info().rest;
        const issued = await json<TokenAnswer>(`${own.url}${tokenPath}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: clientSecret,
            scope: 'restapi',
          }).toString(),
        });
        const call = () =>
          json(`${own.url}/api/registration/presentcodes`, {
            headers: { Authorization: `Bearer ${issued.value.access_token}` },
          });
        expect((await call()).status).toBe(200);
        own.school.advanceClock(issued.value.expires_in - 1);
        expect((await call()).status).toBe(200);
        own.school.advanceClock(1);
        const expired = await call();
        expect(expired.status).toBe(401);
        expect(expired.headers['www-authenticate']).toContain('invalid_token');
      } finally {
        await own.close();
      }
    });
  });

  describe('registration', () => {
    let bearer: string;
    beforeAll(async () => {
      bearer = await token();
    });

    it('lists absence and present codes', async () => {
      const absence = await get<Record<string, unknown>>('/api/registration/absencecodes', bearer);
      expect(absence.value).toMatchObject({ page: 1, totalCount: sim.school.data.absenceCodes.length, totalPages: 1 });
      expect((absence.value[REST_ARRAY_NAMES.absenceCodes] as unknown[])[0]).toEqual({
        id: 1,
        code: 'I',
        name: 'Illness',
        isAuthorised: true,
      });
      const present = await get<Record<string, unknown>>('/api/registration/presentcodes', bearer);
      expect(
        (present.value[REST_ARRAY_NAMES.presentCodes] as { isOffSite: boolean }[]).some((code) => code.isOffSite),
      ).toBe(true);
    });

    it("lists registration periods, today's AM and PM among them", async () => {
      const { registers, today } = sim.school.info();
      const answer = await get<Record<string, unknown>>(`/api/registration/periods?date=${today}`, bearer);
      expect(answer.value[REST_ARRAY_NAMES.periods]).toEqual([
        expect.objectContaining({ id: registers.am, session: 'AM', date: `${today}T00:00:00` }),
        expect.objectContaining({ id: registers.pm, session: 'PM', date: `${today}T00:00:00` }),
      ]);
      const all = await get<Record<string, unknown>>('/api/registration/periods?pageSize=500', bearer);
      expect(all.value.totalCount).toBe(sim.school.periods().length);
    });

    it('pages the register of a period, duplicates included', async () => {
      const { am } = sim.school.info().registers;
      const truth = sim.school.register(am);
      const pageSize = 25;
      const first = await get<Record<string, unknown>>(
        `/api/registration/register/${am}?page=1&pageSize=${pageSize}`,
        bearer,
      );
      expect(first.value).toMatchObject({
        registrationPeriodId: am,
        page: 1,
        pageSize,
        totalCount: truth.length,
        totalPages: Math.ceil(truth.length / pageSize),
      });
      const rows: { schoolId: string }[] = [];
      for (let page = 1; page <= (first.value.totalPages as number); page++) {
        const answer = await get<Record<string, unknown>>(
          `/api/registration/register/${am}?page=${page}&pageSize=${pageSize}`,
          bearer,
        );
        rows.push(...(answer.value[REST_ARRAY_NAMES.register] as { schoolId: string }[]));
      }
      expect(rows.map((row) => row.schoolId)).toEqual(truth.map((mark) => mark.schoolId));
      expect(new Set(rows.map((row) => row.schoolId)).size).toBeLessThan(rows.length);
      const beyond = await get<Record<string, unknown>>(
        `/api/registration/register/${am}?page=99&pageSize=${pageSize}`,
        bearer,
      );
      expect(beyond.value[REST_ARRAY_NAMES.register]).toEqual([]);
    });

    it('answers bad paging, an unknown period and a missing date with JSON errors', async () => {
      expect((await get(`/api/registration/absencecodes?pageSize=0`, bearer)).status).toBe(400);
      const unknown = await get(`/api/registration/register/123`, bearer);
      expect(unknown.status).toBe(404);
      expect(typeof unknown.value.message).toBe('string');
      const missing = await get('/api/registration/outofschool', bearer);
      expect(missing.status).toBe(400);
      expect(missing.value.message).toContain('date');
    });

    it('lists who is out of school on a date', async () => {
      const date = sim.school
        .periods()
        .map((period) => period.date)
        .find((day) => sim.school.outOfSchool(day).length > 0) as string;
      const answer = await get<Record<string, unknown>>(
        `/api/registration/outofschool?date=${date}&pageSize=500`,
        bearer,
      );
      expect(
        (answer.value[REST_ARRAY_NAMES.outOfSchool] as { schoolId: string }[]).map((record) => record.schoolId),
      ).toEqual(sim.school.outOfSchool(date).map((record) => record.schoolId));
    });
  });

  it('serves the token at a configured older path', async () => {
    const old = await startSimulator({ seed: 2, pupils: 5, tokenPath: '/Main/sso/idp/connect/token' });
    try {
      expect(old.school.info().rest.tokenPath).toBe('/Main/sso/idp/connect/token');
      const { clientId, clientSecret } = old.school.info().rest;
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        scope: 'restapi',
      }).toString();
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
      expect(
        (await httpRequest(`${old.url}/Main/sso/idp/connect/token`, { method: 'POST', headers, body: form })).status,
      ).toBe(200);
      expect((await httpRequest(`${old.url}/auth/connect/token`, { method: 'POST', headers, body: form })).status).toBe(
        404,
      );
    } finally {
      await old.close();
    }
  });
});
