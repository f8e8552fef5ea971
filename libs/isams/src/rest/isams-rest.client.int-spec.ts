import { type RunningSimulator, startSimulator } from '../../../../apps/isams-simulator/src/isams-simulator.server';
import { IsamsRestClient } from './isams-rest.client';
import { RestPermanentError } from './rest-call.error';
import { RegistrationRestApi } from './registration-rest.api';

/** Counts requests per path while passing them to the real fetch (real HTTP to the simulator). */
function countingFetch() {
  const counts = new Map<string, number>();
  const fetchImpl: typeof fetch = (input, init) => {
    const path = new URL(String(input)).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    return fetch(input, init);
  };
  return { fetchImpl, count: (path: string) => counts.get(path) ?? 0 };
}

describe('IsamsRestClient against the simulator over HTTP', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, pupils: 30 });
  });

  afterAll(async () => {
    await sim.close();
  });

  const client = (fetchImpl: typeof fetch, secret?: string) => {
    const { rest } = sim.school.info();
    return new IsamsRestClient(
      {
        schoolId: 'st-marys',
        accessUrl: sim.url,
        clientId: rest.clientId,
        clientSecret: secret ?? rest.clientSecret,
        tokenPath: rest.tokenPath,
      },
      { fetchImpl, pageSize: 7 },
    );
  };

  it('concurrent calls share one token request', async () => {
    const counter = countingFetch();
    const api = new RegistrationRestApi(client(counter.fetchImpl));
    const { am } = sim.school.info().registers;
    const results = await Promise.all([
      api.absenceCodes(),
      api.presentCodes(),
      api.register(String(am)),
      api.periods(sim.school.info().today),
    ]);
    expect(counter.count(sim.school.info().rest.tokenPath)).toBe(1);
    expect(results[2]).toHaveLength(sim.school.register(am).length);
  });

  it('a token the server stopped accepting is refreshed once; a second refusal is a permanent error', async () => {
    const counter = countingFetch();
    const rest = client(counter.fetchImpl);
    await rest.getAll('/api/registration/absencecodes', 'absenceCodes');
    sim.school.tokens.revokeAll();
    await rest.getAll('/api/registration/absencecodes', 'absenceCodes');
    expect(counter.count(sim.school.info().rest.tokenPath)).toBe(2);

    // every token refused: exactly one refresh, then a permanent error naming the school
    const refusing: typeof fetch = async (input, init) => {
      sim.school.tokens.revokeAll();
      return counter.fetchImpl(input, init);
    };
    const always = client(refusing);
    const error = await always.getJson('/api/registration/absencecodes').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestPermanentError);
    expect((error as RestPermanentError).kind).toBe('unauthorised');
    expect((error as Error).message).toContain("school 'st-marys'");
  });

  it('a register that is not there is a permanent error that names the register ids', async () => {
    const error = await new RegistrationRestApi(client(fetch)).register('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestPermanentError);
    expect((error as RestPermanentError).context.fix).toContain('--am-register-id');
  });
});
