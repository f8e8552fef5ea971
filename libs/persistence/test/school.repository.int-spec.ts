import mongoose from 'mongoose';
import { SecretCipher, SecretDecryptError } from '@isams-sync/secrets';
import { TEST_SECRETS_KEY, uniqueMongoUrl } from '@isams-sync/testing';
import {
  SchoolExistsError,
  SchoolNotFoundError,
  SchoolRepository,
  SchoolValidationError,
  UNREADABLE_SECRET,
} from '../src';

const KEYS = {
  pupils: '11111111-aaaa-bbbb-cccc-000000001111',
  contacts: '22222222-aaaa-bbbb-cccc-000000002222',
  staff: '33333333-aaaa-bbbb-cccc-000000003333',
  structure: '44444444-aaaa-bbbb-cccc-000000004444',
  teaching: '55555555-aaaa-bbbb-cccc-000000005555',
  photos: '66666666-aaaa-bbbb-cccc-000000006666',
};
const CLIENT_SECRET = 'rest-client-secret-0123456789-9999';
const school = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `School ${id}`,
  accessUrl: 'https://example.isams.cloud',
  timezone: 'Europe/London',
  batchKeys: { ...KEYS },
  rest: { clientId: 'schoolsbuddy', clientSecret: CLIENT_SECRET, amRegisterId: 7 },
  ...extra,
});

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('SchoolRepository against the real database', () => {
  let connection: mongoose.Connection;
  let repository: SchoolRepository;
  const cipher = SecretCipher.fromBase64(TEST_SECRETS_KEY);
  // The stored documents as the database holds them, bypassing the repository on purpose.
  const rawSchools = () => connection.collection<mongoose.mongo.Document & { _id: string }>('schools');

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(uniqueMongoUrl('schools'), { serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    repository = SchoolRepository.onConnection(connection, cipher);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores every secret encrypted: no key text in the raw document', async () => {
    await repository.add(school('raw-check'));
    const raw = await rawSchools().findOne({ _id: 'raw-check' });
    expect(raw).not.toBeNull();
    const text = JSON.stringify(raw);
    for (const key of [...Object.values(KEYS), CLIENT_SECRET]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(-8));
    }
    expect(raw?.batchKeys.pupils).toEqual({
      v: 1,
      kid: cipher.currentKeyId,
      iv: expect.any(String),
      tag: expect.any(String),
      data: expect.any(String),
    });
    expect(raw?.schoolId).toBe('raw-check');
  });

  it('gives the secrets back in clear only through getWithSecrets, with the defaults filled in', async () => {
    await repository.add(school('round-trip'));
    const found = await repository.getWithSecrets('round-trip');
    expect(found).toMatchObject({
      id: 'round-trip',
      batchKeys: KEYS,
      rest: {
        clientId: 'schoolsbuddy',
        clientSecret: CLIENT_SECRET,
        tokenPath: '/auth/connect/token',
        amRegisterId: '7',
      },
      contactFilter: { types: ['Mother', 'Father'], mailOptions: ['allMerges', 'correspondence'] },
      nightlyWindow: { start: '01:00', end: '03:00' },
      thresholds: { removalPercent: 10, updatePercent: 75 },
      medicalOptIn: false,
      enabled: true,
    });
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('shows only fingerprints in the public view and the list', async () => {
    await repository.add(school('masked'));
    const shown = await repository.getPublic('masked');
    expect(shown?.batchKeys.pupils).toBe('••••1111');
    expect(shown?.batchKeys.photos).toBe('••••6666');
    expect(shown?.rest?.clientSecret).toBe('••••9999');
    const listed = await repository.list();
    expect(listed.map((s) => s.id)).toContain('masked');
    const text = JSON.stringify(listed);
    for (const key of [...Object.values(KEYS), CLIENT_SECRET]) expect(text).not.toContain(key);
  });

  it('marks secrets it cannot decrypt in the public view, and refuses them with the school and field in clear', async () => {
    await repository.add(school('other-key'));
    const wrong = SchoolRepository.onConnection(
      connection,
      SecretCipher.fromBase64(Buffer.alloc(32, 7).toString('base64')),
    );
    expect((await wrong.getPublic('other-key'))?.batchKeys.pupils).toBe(UNREADABLE_SECRET);
    const error = await errorOf(wrong.getWithSecrets('other-key'));
    expect(error).toBeInstanceOf(SecretDecryptError);
    expect(error.message).toContain("school 'other-key' batchKeys.pupils");
    expect(error.message).not.toContain(KEYS.pupils);
  });

  it('refuses a secret copied from another school', async () => {
    await repository.add(school('copy-from'));
    await repository.add(school('copy-to'));
    const from = await rawSchools().findOne({ _id: 'copy-from' });
    await rawSchools().updateOne({ _id: 'copy-to' }, { $set: { 'batchKeys.staff': from?.batchKeys.staff } });
    expect(await errorOf(repository.getWithSecrets('copy-to'))).toBeInstanceOf(SecretDecryptError);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a bad id', { id: 'Bad Id' }, 'id: must be 2-63'],
    ['plain http to a public host', { accessUrl: 'http://example.isams.cloud' }, 'accessUrl: must start with https://'],
    ['an unknown timezone', { timezone: 'Mars/Olympus' }, 'timezone: must be an IANA timezone'],
    ['a missing required key', { batchKeys: { ...KEYS, teaching: undefined } }, 'batchKeys.teaching: is required'],
  ])('refuses %s with a message naming the field, and stores nothing', async (_label, change, expected) => {
    const input = { ...school('invalid-one'), ...change };
    const error = await errorOf(repository.add(input));
    expect(error).toBeInstanceOf(SchoolValidationError);
    expect(error.message).toContain(expected);
    expect(await rawSchools().countDocuments({ name: 'School invalid-one' })).toBe(0);
  });

  it('refuses a second school with the same id', async () => {
    await repository.add(school('twice'));
    expect(await errorOf(repository.add(school('twice')))).toBeInstanceOf(SchoolExistsError);
  });

  it('updates part of a school, re-validates the whole, and keeps the other secrets', async () => {
    await repository.add(school('partial'));
    const updated = await repository.update('partial', {
      name: 'Renamed',
      batchKeys: { staff: '77777777-aaaa-bbbb-cccc-000000007777', medical: '88888888-aaaa-bbbb-cccc-000000008888' },
      medicalOptIn: true,
      rest: null,
    });
    expect(updated).toMatchObject({
      name: 'Renamed',
      medicalOptIn: true,
      batchKeys: { staff: '••••7777', medical: '••••8888', pupils: '••••1111' },
    });
    expect(updated.rest).toBeUndefined();
    const secrets = await repository.getWithSecrets('partial');
    expect(secrets?.batchKeys).toEqual({
      ...KEYS,
      staff: '77777777-aaaa-bbbb-cccc-000000007777',
      medical: '88888888-aaaa-bbbb-cccc-000000008888',
    });
    expect(secrets?.rest).toBeUndefined();

    const invalid = await errorOf(repository.update('partial', { batchKeys: { medical: null } }));
    expect(invalid.message).toContain('batchKeys.medical: is required when medicalOptIn is true');
    expect(await errorOf(repository.update('partial', { id: 'other' }))).toBeInstanceOf(SchoolValidationError);
    expect(await errorOf(repository.update('partial', JSON.parse('{"__proto__": {"enabled": false}}')))).toBeInstanceOf(
      SchoolValidationError,
    );
    expect(await errorOf(repository.update('nobody', { name: 'x' }))).toBeInstanceOf(SchoolNotFoundError);
  });

  it("removes the school and every document of it in every collection, and no other school's", async () => {
    await repository.add(school('leaving'));
    await repository.add(school('staying'));
    const runs = connection.collection('sync_runs');
    const users = connection.collection('users');
    await runs.insertMany([{ schoolId: 'leaving' }, { schoolId: 'leaving' }, { schoolId: 'staying' }]);
    await users.insertMany([
      { schoolId: 'leaving', email: 'a@x' },
      { schoolId: 'staying', email: 'b@x' },
    ]);
    const bucket = new mongoose.mongo.GridFSBucket(connection.db!, { bucketName: 'snapshots' });
    const upload = (schoolId: string) =>
      new Promise<void>((resolve, reject) =>
        bucket
          .openUploadStream(`${schoolId}.xml.gz`, { metadata: { schoolId } })
          .on('finish', () => resolve())
          .on('error', reject)
          .end(Buffer.alloc(10)),
      );
    await upload('leaving');
    await upload('staying');

    const removal = await repository.remove('leaving');

    expect(removal).toEqual({
      schoolId: 'leaving',
      deleted: { schools: 1, sync_runs: 2, users: 1, 'snapshots.files': 1, 'snapshots.chunks': 1 },
      total: 6,
    });
    expect(await repository.getPublic('leaving')).toBeNull();
    expect(await runs.countDocuments({ schoolId: 'leaving' })).toBe(0);
    expect(await runs.countDocuments({ schoolId: 'staying' })).toBe(1);
    expect(await users.countDocuments({ schoolId: 'staying' })).toBe(1);
    expect(await connection.collection('snapshots.files').countDocuments({ 'metadata.schoolId': 'staying' })).toBe(1);
    expect(await connection.collection('snapshots.chunks').countDocuments()).toBe(1);
    expect(await repository.getPublic('staying')).not.toBeNull();
    expect(await repository.remove('leaving')).toBeNull();
  });
});
