import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { TEST_SECRETS_KEY, uniqueMongoUrl } from '@isams-sync/testing';
import { captureCli, type Ran } from '../../../test/support/capture-cli';

const KEYS = {
  pupils: '11111111-aaaa-bbbb-cccc-000000001111',
  contacts: '22222222-aaaa-bbbb-cccc-000000002222',
  staff: '33333333-aaaa-bbbb-cccc-000000003333',
  structure: '44444444-aaaa-bbbb-cccc-000000004444',
  teaching: '55555555-aaaa-bbbb-cccc-000000005555',
  photos: '66666666-aaaa-bbbb-cccc-000000006666',
};
const CLIENT_SECRET = 'rest-client-secret-0123456789-9999';
const ALL_SECRETS = [...Object.values(KEYS), CLIENT_SECRET];

describe('isams-sync school (in process, real database)', () => {
  const mongoUrl = uniqueMongoUrl('cli-school');
  const env = { MONGO_URL: mongoUrl, SECRETS_KEY: TEST_SECRETS_KEY, ISAMS_INSECURE_HOSTS: '127.0.0.1' };
  let dir: string;

  async function cli(args: string[], withEnv: Record<string, string | undefined> = env): Promise<Ran> {
    return captureCli(['school', ...args], withEnv);
  }

  async function jsonFile(name: string, content: unknown): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  const expectNoSecrets = (ran: Ran) => {
    for (const secret of ALL_SECRETS) expect(`${ran.out}\n${ran.err}`).not.toContain(secret);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'school-cli-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    const connection = await mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 5_000 }).asPromise();
    await connection.dropDatabase();
    await connection.close();
  });

  it('adds a school from a JSON file and shows it with secrets masked', async () => {
    const file = await jsonFile('st-marys.json', {
      id: 'st-marys',
      name: "St Mary's",
      accessUrl: 'https://stmarys.isams.cloud',
      timezone: 'Europe/London',
      batchKeys: KEYS,
      rest: { clientId: 'schoolsbuddy', clientSecret: CLIENT_SECRET, amRegisterId: 3 },
    });
    const added = await cli(['add', '--file', file]);
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toContain('added school st-marys');
    expect(added.out).toContain('pupils ••••1111');
    expect(added.out).toContain('secret ••••9999');
    expectNoSecrets(added);

    const shown = await cli(['show', '--id', 'st-marys', '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({
      id: 'st-marys',
      batchKeys: { staff: '••••3333' },
      rest: { clientSecret: '••••9999', amRegisterId: '3' },
    });
    expectNoSecrets(shown);
  });

  it('adds a school from flags (http allowed for the simulator, whose host is in ISAMS_INSECURE_HOSTS)', async () => {
    const flags = Object.entries(KEYS).flatMap(([dataset, key]) => [`--key-${dataset}`, key]);
    const ran = await cli([
      'add',
      '--id',
      'sim-school',
      '--name',
      'Simulated',
      '--access-url',
      'http://127.0.0.1:5050',
      '--timezone',
      'Asia/Dubai',
      ...flags,
      '--contact-types',
      'Mother,Father,Guardian',
    ]);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('types Mother, Father, Guardian');
    const listed = await cli(['list']);
    expect(listed.out).toMatch(/sim-school\s+enabled\s+Asia\/Dubai/);
    expect(listed.out).toContain('st-marys');
    expectNoSecrets(listed);
  });

  it('updates only what it is given', async () => {
    const ran = await cli([
      'update',
      '--id',
      'sim-school',
      '--key-staff',
      '77777777-aaaa-bbbb-cccc-000000007777',
      '--enabled',
      'false',
      '--window-start',
      '02:00',
      '--actor',
      'support-bob',
    ]);
    expect(ran.code).toBe(0);
    // who changed it is kept with the school and shown
    expect(ran.out).toMatch(/last changed: +\S+ by cli:support-bob/);
    const json = JSON.parse((await cli(['show', '--id', 'sim-school', '--json'])).out);
    expect(json.updatedBy).toBe('cli:support-bob');
    expect(ran.out).toContain('(DISABLED)');
    expect(ran.out).toContain('staff ••••7777');
    expect(ran.out).toContain('pupils ••••1111');
    expect(ran.out).toContain('nightly window 02:00-03:00');
    expect(ran.out).not.toContain('77777777-aaaa');
  });

  it.each<[string, string[], RegExp[]]>([
    [
      'a missing key, naming the field and the flag',
      ['add', '--id', 'no-keys', '--name', 'N', '--access-url', 'https://x.isams.cloud', '--timezone', 'UTC'],
      [
        /school 'no-keys': invalid settings/,
        /batchKeys\.pupils: is required \(set --key-pupils, or "batchKeys\.pupils" in the file\)/,
      ],
    ],
    [
      'plain http to a public host',
      ['update', '--id', 'st-marys', '--access-url', 'http://stmarys.isams.cloud'],
      [/accessUrl: must start with https:\/\/.*ISAMS_INSECURE_HOSTS.*--access-url/],
    ],
    [
      'plain http to loopback when loopback is not allowed',
      ['update', '--id', 'st-marys', '--access-url', 'http://localhost:5050'],
      [/accessUrl: must start with https:\/\/ \(plain http:\/\/ to localhost/],
    ],
    [
      'an unknown timezone',
      ['update', '--id', 'st-marys', '--timezone', 'Europe/Atlantis'],
      [/timezone: must be an IANA timezone/],
    ],
    [
      'a non-numeric threshold',
      ['update', '--id', 'st-marys', '--removal-percent', 'lots'],
      [/thresholds\.removalPercent: must be a number/],
    ],
    ['an unknown school', ['show', '--id', 'nobody'], [/school 'nobody' does not exist/]],
    ['updating an unknown school', ['update', '--id', 'nobody', '--name', 'x'], [/school 'nobody' does not exist/]],
    [
      'a duplicate',
      [
        'add',
        '--id',
        'st-marys',
        '--name',
        'again',
        '--access-url',
        'https://x.isams.cloud',
        '--timezone',
        'UTC',
        ...Object.entries(KEYS).flatMap(([d, k]) => [`--key-${d}`, k]),
      ],
      [/school 'st-marys' already exists/],
    ],
  ])('exits 1 on %s', async (_label, args, messages) => {
    const ran = await cli(args);
    expect(ran.code).toBe(1);
    for (const message of messages) expect(ran.err).toMatch(message);
    expectNoSecrets(ran);
  });

  it('exits 1 on a file that is not JSON, without echoing its content', async () => {
    const file = await jsonFile('broken.json', `{"batchKeys": {"pupils": "${KEYS.pupils}"`);
    const ran = await cli(['add', '--file', file]);
    expect(ran.code).toBe(1);
    expect(ran.err).toContain('is not valid JSON');
    expectNoSecrets(ran);
  });

  it.each<[string, string[], RegExp]>([
    ['no verb', [], /Commands:[\s\S]*add[\s\S]*update[\s\S]*show[\s\S]*list[\s\S]*remove/],
    ['an unknown verb', ['rename'], /unknown command 'rename'/],
    ['an unknown flag', ['list', '--colour', 'red'], /unknown option '--colour'/],
    ['show without --id', ['show'], /required option '--id <id>' not specified/],
    ['remove without --yes', ['remove', '--id', 'st-marys'], /add --yes to confirm/],
    ['list with a setting flag', ['list', '--name', 'x'], /unknown option '--name'/],
    ['update without --id', ['update', '--name', 'x'], /update needs --id/],
    [
      'a boolean flag that is not true/false',
      ['update', '--id', 'st-marys', '--enabled', 'yes'],
      /--enabled must be true or false/,
    ],
    ['an update with nothing to change', ['update', '--id', 'st-marys'], /at least one setting/],
  ])('exits 2 on %s', async (_label, args, message) => {
    const ran = await cli(args);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(message);
  });

  it('names SECRETS_KEY when it is missing or malformed', async () => {
    const missing = await cli(['list'], { MONGO_URL: mongoUrl });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('SECRETS_KEY is not set');
    const malformed = await cli(['list'], { MONGO_URL: mongoUrl, SECRETS_KEY: 'c2hvcnQ=' });
    expect(malformed.code).toBe(1);
    expect(malformed.err).toContain('SECRETS_KEY: must be base64 of exactly 32 bytes');
  });

  it('shows fingerprints it cannot decrypt under another key as such, and still lists', async () => {
    const ran = await cli(['show', '--id', 'st-marys'], {
      MONGO_URL: mongoUrl,
      SECRETS_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('pupils •••• (cannot decrypt: check SECRETS_KEY)');
  });

  it('removes a school and its data, then no longer finds it', async () => {
    const connection = await mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 5_000 }).asPromise();
    try {
      await connection.collection('sync_runs').insertMany([{ schoolId: 'sim-school' }, { schoolId: 'st-marys' }]);
      const ran = await cli(['remove', '--id', 'sim-school', '--yes', '--actor', 'alice']);
      expect(ran).toMatchObject({
        code: 0,
        out: 'removed school sim-school (by cli:alice): 2 documents (sync_runs 1, schools 1)',
      });
      expect(await connection.collection('sync_runs').countDocuments({ schoolId: 'st-marys' })).toBe(1);
    } finally {
      await connection.close();
    }
    expect((await cli(['show', '--id', 'sim-school'])).code).toBe(1);
    expect((await cli(['remove', '--id', 'sim-school', '--yes'])).code).toBe(1);
  });
});
