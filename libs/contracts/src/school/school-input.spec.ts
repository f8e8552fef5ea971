import { schoolInputProblems, schoolInputSchema } from './school-input';

const KEY = (n: number) => `${String(n).repeat(8)}-2222-3333-4444-555555555555`;
const valid = () => ({
  id: 'st-marys',
  name: "St Mary's",
  accessUrl: 'https://stmarys.isams.cloud/',
  timezone: 'Europe/London',
  batchKeys: { pupils: KEY(1), contacts: KEY(2), staff: KEY(3), structure: KEY(4), teaching: KEY(5), photos: KEY(6) },
});

function problemsOf(input: unknown): string[] {
  const result = schoolInputSchema.safeParse(input);
  return result.success ? [] : schoolInputProblems(result.error);
}

describe('schoolInputSchema', () => {
  it('fills in every default', () => {
    const school = schoolInputSchema.parse(valid());
    expect(school).toMatchObject({
      accessUrl: 'https://stmarys.isams.cloud',
      contactFilter: { types: ['Mother', 'Father'], mailOptions: ['allMerges', 'correspondence'] },
      nightlyWindow: { start: '01:00', end: '03:00' },
      thresholds: { removalPercent: 10, updatePercent: 75 },
      medicalOptIn: false,
      enabled: true,
    });
    expect(school.rest).toBeUndefined();
  });

  it('defaults the REST token path and turns register ids into text', () => {
    const school = schoolInputSchema.parse({
      ...valid(),
      rest: { clientId: 'sb', clientSecret: 'secret-secret', amRegisterId: 12 },
    });
    expect(school.rest).toEqual({
      clientId: 'sb',
      clientSecret: 'secret-secret',
      tokenPath: '/auth/connect/token',
      amRegisterId: '12',
    });
  });

  it.each([
    ['http on loopback (the simulator)', { accessUrl: 'http://127.0.0.1:8080' }],
    ['http on localhost', { accessUrl: 'http://localhost:8080/isams' }],
    ['a self-hosted https path', { accessUrl: 'https://mis.school.org/isams' }],
    ['UTC', { timezone: 'UTC' }],
    ['a window across midnight', { nightlyWindow: { start: '23:30', end: '01:30' } }],
    ['medical with its key', { medicalOptIn: true, batchKeys: { ...valid().batchKeys, medical: KEY(7) } }],
  ])('accepts %s', (_label, change) => {
    expect(problemsOf({ ...valid(), ...change })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an id with capitals', { id: 'St-Marys' }, 'id: must be 2-63 lower-case'],
    ['a one-character id', { id: 'a' }, 'id: must be 2-63'],
    ['an id starting with a dash', { id: '-abc' }, 'id: must be 2-63'],
    ['a missing name', { name: undefined }, 'name: is required'],
    ['a blank name', { name: '   ' }, 'name: must not be empty'],
    ['another scheme', { accessUrl: 'ftp://stmarys.isams.cloud' }, 'accessUrl: must start with https://'],
    ['not a URL', { accessUrl: 'stmarys' }, 'accessUrl: must be a URL'],
    [
      'a URL with a query',
      { accessUrl: 'https://x.isams.cloud/?apiKey=abc' },
      'accessUrl: must be the bare iSAMS address',
    ],
    ['a made-up timezone', { timezone: 'Europe/Atlantis' }, 'timezone: must be an IANA timezone'],
    [
      'a missing pupils key',
      { batchKeys: { ...valid().batchKeys, pupils: undefined } },
      'batchKeys.pupils: is required',
    ],
    [
      'a key with a space',
      { batchKeys: { ...valid().batchKeys, staff: 'abcd efgh ijkl' } },
      'batchKeys.staff: must not contain spaces',
    ],
    ['a short key', { batchKeys: { ...valid().batchKeys, photos: 'abc' } }, 'batchKeys.photos: is too short'],
    ['an unknown dataset', { batchKeys: { ...valid().batchKeys, lunch: KEY(8) } }, 'batchKeys: unknown field(s) lunch'],
    [
      'medical opt-in without its key',
      { medicalOptIn: true },
      'batchKeys.medical: is required when medicalOptIn is true',
    ],
    [
      'a bad mail option',
      { contactFilter: { mailOptions: ['fax'] } },
      'contactFilter.mailOptions.0: must be one of allMerges, correspondence',
    ],
    ['no contact types', { contactFilter: { types: [] } }, 'contactFilter.types: must name at least one'],
    ['a bad window time', { nightlyWindow: { start: '25:00' } }, 'nightlyWindow.start: must be a time of day'],
    [
      'an empty window',
      { nightlyWindow: { start: '02:00', end: '02:00' } },
      'nightlyWindow.end: start and end must differ',
    ],
    [
      'a threshold over 100',
      { thresholds: { removalPercent: 150 } },
      'thresholds.removalPercent: must be from 0 to 100',
    ],
    ['a REST block without its secret', { rest: { clientId: 'sb' } }, 'rest.clientSecret: is required'],
    ['enabled as text', { enabled: 'yes' }, 'enabled: must be true or false'],
    ['an unknown field', { colour: 'blue' }, '(school): unknown field(s) colour'],
  ])('refuses %s, naming the field', (_label, change, expected) => {
    const problems = problemsOf({ ...valid(), ...change });
    expect(problems.join('\n')).toContain(expected);
  });

  it('never repeats a secret in its messages', () => {
    const badKey = 'SECRET-VALUE with space';
    const problems = problemsOf({
      ...valid(),
      batchKeys: { ...valid().batchKeys, pupils: badKey },
      rest: { clientId: 'sb', clientSecret: 'short' },
    });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toMatch(/SECRET-VALUE|short'/);
  });
});
