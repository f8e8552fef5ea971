import {
  cacheWarning,
  formatKeysTable,
  isUnusable,
  type KeyCheck,
  keysExitCode,
  keysReportJson,
  type KeysReport,
} from './keys-report.formatter';

const healthy = (overrides: Partial<KeyCheck> = {}): KeyCheck => ({
  dataset: 'pupils',
  required: true,
  key: '••••1111',
  reachable: true,
  httpStatus: 200,
  bytes: 5000,
  durationMs: 12,
  sectionsPresent: ['PupilManager/CurrentPupils'],
  sectionsMissing: [],
  sectionsExtra: [],
  counts: { student: 30 },
  ...overrides,
});

const report = (...datasets: KeyCheck[]): KeysReport => ({
  schoolId: 'st-marys',
  checkedAt: '2026-11-28T17:00:00.000Z',
  datasets,
});

const invalidKey = healthy({
  dataset: 'contacts',
  key: '••••dead',
  reachable: true,
  httpStatus: 401,
  bytes: undefined,
  sectionsPresent: [],
  counts: {},
  error: {
    kind: 'invalid-key',
    message: 'iSAMS answered HTTP 401 iSAMS.Api.InvalidKey',
    fix: 'In iSAMS Control Panel > API Services, check the contacts key',
  },
});

describe('isUnusable', () => {
  it.each<[string, KeyCheck, boolean]>([
    ['a healthy key', healthy(), false],
    ['a key with extra sections', healthy({ sectionsExtra: [{ section: 'HRManager/CurrentStaff' }] }), false],
    ['no key', healthy({ key: undefined }), true],
    [
      'unreachable',
      healthy({ reachable: false, error: { kind: 'network', message: 'connection failed', fix: 'check the URL' } }),
      true,
    ],
    ['an iSAMS error', invalidKey, true],
    ['missing sections', healthy({ sectionsMissing: ['PupilManager/CurrentPupils'] }), true],
  ])('%s → %s', (_, check, expected) => {
    expect(isUnusable(check)).toBe(expected);
  });
});

describe('keysExitCode', () => {
  it.each<[string, KeyCheck[], number]>([
    ['all healthy', [healthy(), healthy({ dataset: 'staff' })], 0],
    ['a required dataset unusable', [healthy(), invalidKey], 1],
    [
      'only an optional dataset unusable',
      [
        healthy(),
        healthy({
          dataset: 'medical',
          required: false,
          reachable: false,
          error: { kind: 'network', message: 'x', fix: 'y' },
        }),
      ],
      0,
    ],
    ['a required dataset without a key', [healthy({ key: undefined })], 1],
  ])('%s → %i', (_, checks, code) => {
    expect(keysExitCode(report(...checks))).toBe(code);
  });
});

describe('cacheWarning', () => {
  it.each<[string, KeyCheck['repeat'], Record<string, number>, boolean]>([
    ['identical seconds apart with records', { identical: true, secondsApart: 0.4 }, { student: 30 }, true],
    ['different answers', { identical: false, secondsApart: 0.4 }, { student: 30 }, false],
    ['identical but minutes apart', { identical: true, secondsApart: 300 }, { student: 30 }, false],
    ['identical but empty (nothing could have changed)', { identical: true, secondsApart: 0.4 }, { student: 0 }, false],
    ['not called twice', undefined, { student: 30 }, false],
  ])('%s → warns: %s', (_, repeat, counts, warns) => {
    const warning = cacheWarning(healthy({ repeat, counts }));
    expect(warning !== undefined).toBe(warns);
    if (warns) expect(warning).toMatch(/identical answers 0\.4 s apart: iSAMS is answering from its cache.*2-3 hours/);
  });
});

describe('formatKeysTable', () => {
  it('shows one row per dataset with status, HTTP, counts and sections, and a verdict', () => {
    const lines = formatKeysTable(
      report(
        healthy(),
        healthy({
          dataset: 'medical',
          required: false,
          key: undefined,
          reachable: false,
          counts: {},
          sectionsPresent: [],
          httpStatus: undefined,
          bytes: undefined,
        }),
      ),
    );
    const text = lines.join('\n');
    expect(lines[0]).toBe('keys of school st-marys, checked 2026-11-28T17:00:00.000Z');
    expect(lines.find((l) => l.startsWith('pupils '))).toMatch(
      /^pupils\s+••••1111\s+ok\s+200\s+5000\s+30 student\s+PupilManager\/CurrentPupils$/,
    );
    expect(lines.find((l) => l.startsWith('medical (optional)'))).toMatch(/no key/);
    expect(text).not.toContain('medical: no key registered');
    expect(lines[lines.length - 1]).toBe('every required dataset is usable');
  });

  it('explains an iSAMS error with its fix and names the unusable dataset', () => {
    const text = formatKeysTable(report(healthy(), invalidKey)).join('\n');
    expect(text).toMatch(/contacts\s+••••dead\s+UNREADABLE\s+401/);
    expect(text).toContain('contacts: iSAMS answered HTTP 401 iSAMS.Api.InvalidKey');
    expect(text).toContain('  fix: In iSAMS Control Panel > API Services, check the contacts key');
    expect(text).toContain('UNUSABLE required datasets: contacts');
  });

  it('marks an unreachable key and one with missing sections', () => {
    const text = formatKeysTable(
      report(
        healthy({
          dataset: 'staff',
          reachable: false,
          httpStatus: undefined,
          error: { kind: 'network', message: 'connection to https://x failed (ECONNREFUSED)', fix: 'check the URL' },
        }),
        healthy({
          dataset: 'structure',
          sectionsMissing: ['SchoolManager/Forms'],
          sectionsPresent: ['SchoolManager/Years'],
        }),
      ),
    ).join('\n');
    expect(text).toMatch(/staff\s+••••1111\s+UNREACHABLE\s+-/);
    expect(text).toMatch(/structure\s+••••1111\s+INCOMPLETE/);
    expect(text).toContain('structure: section SchoolManager/Forms is missing');
    expect(text).toContain('UNUSABLE required datasets: staff, structure');
  });

  it('names extra sections ticked by mistake and the method to untick, without failing', () => {
    const check = healthy({
      dataset: 'staff',
      sectionsExtra: [{ section: 'PupilManager/CurrentPupils', method: 'Pupil_GetCurrentPupils' }],
    });
    const lines = formatKeysTable(report(check));
    expect(lines.join('\n')).toContain('staff: section PupilManager/CurrentPupils is ticked on this key by mistake');
    expect(lines.join('\n')).toContain('  fix: untick Pupil_GetCurrentPupils on the staff key');
    expect(lines.find((l) => l.startsWith('staff '))).toMatch(/ok \(extra\)/);
    expect(keysExitCode(report(check))).toBe(0);
  });

  it('adds the cache warning under the table', () => {
    const text = formatKeysTable(report(healthy({ repeat: { identical: true, secondsApart: 0.2 } }))).join('\n');
    expect(text).toContain('pupils: identical answers 0.2 s apart: iSAMS is answering from its cache');
  });
});

describe('keysReportJson', () => {
  it('is one object with the verdict, each dataset usable or not, and the cache warning when due', () => {
    const json = keysReportJson(report(healthy({ repeat: { identical: true, secondsApart: 1 } }), invalidKey));
    expect(json).toMatchObject({ schoolId: 'st-marys', ok: false });
    const datasets = json.datasets as Array<Record<string, unknown>>;
    expect(datasets[0]).toMatchObject({ dataset: 'pupils', usable: true, counts: { student: 30 } });
    expect(datasets[0].cacheWarning).toMatch(/cache/);
    expect(datasets[1]).toMatchObject({ dataset: 'contacts', usable: false, error: { kind: 'invalid-key' } });
    expect(datasets[1]).not.toHaveProperty('cacheWarning');
  });
});
