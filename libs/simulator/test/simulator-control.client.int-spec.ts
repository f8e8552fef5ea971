import { SimulatorControlClient } from '@isams-sync/simulator';
import { startSimulator, type RunningSimulator } from '../../../apps/isams-simulator/src/isams-simulator.server';

describe('SimulatorControlClient (the /_sim/ control API over HTTP)', () => {
  let sim: RunningSimulator;
  let client: SimulatorControlClient;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 31, pupils: 40 });
    client = new SimulatorControlClient(`${sim.url}/`);
  });

  afterAll(() => sim.close());

  it('reads the school the simulator serves', async () => {
    expect(await client.school()).toEqual(sim.school.info());
  });

  it('reads the pupils as the simulator holds them', async () => {
    const pupils = await client.pupils();
    expect(pupils.map((p) => p.schoolId)).toEqual(sim.school.pupils().map((p) => p.schoolId));
    expect(pupils.length).toBeGreaterThan(0);
  });

  it('changes a key and answers its configuration', async () => {
    expect(await client.configureKey('contacts', { cacheSeconds: 0 })).toMatchObject({
      name: 'contacts',
      cacheSeconds: 0,
    });
    expect(sim.school.keyConfig('contacts')?.cacheSeconds).toBe(0);
  });

  it('advances the school a day: the changes, and the new day in the school info', async () => {
    const before = (await client.school()).dayNumber;
    const day = await client.advanceDay();
    expect(day.changes.length).toBeGreaterThan(0);
    expect(day.changes.every((change) => change.day === day.today)).toBe(true);
    const after = await client.school();
    expect(after).toMatchObject({ dayNumber: before + 1, today: day.today, registers: day.registers });
  });

  it("a refused request names the call, the status and the simulator's reason", async () => {
    await expect(client.configureKey('nonsense' as never, { cacheSeconds: 0 })).rejects.toThrow(
      `PUT ${sim.url}/_sim/keys/nonsense answered 404: this school has no nonsense key`,
    );
  });

  it('a simulator that is not there is named as such', async () => {
    const gone = await startSimulator({ seed: 1, pupils: 1 });
    await gone.close();
    await expect(new SimulatorControlClient(gone.url, 2000).school()).rejects.toThrow(
      `GET ${gone.url}/_sim/school: the simulator did not answer`,
    );
  });
});
