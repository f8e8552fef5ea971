import { assignLogins, isValidEmail, normaliseEmail, type LoginCandidate } from './email-rules';

describe('normaliseEmail', () => {
  it.each([
    ['  Jane.Smith@Example.COM ', 'jane.smith@example.com'],
    ['ZOË@EXAMPLE.COM', 'zoë@example.com'],
    ['   ', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (raw, expected) => expect(normaliseEmail(raw)).toBe(expected));
});

describe('isValidEmail', () => {
  it.each([
    'jane.smith@example.com',
    'j.o-brien+school@mail.example.co.uk',
    "o'brien@example.com",
    'JANE@EXAMPLE.COM',
    'a@b.io',
    'x@xn--bcher-kva.example',
    '  padded@example.com  ',
  ])('accepts %s', (email) => expect(isValidEmail(email)).toBe(true));

  it.each([
    'n/a',
    'jane@gmail',
    'jane smith@example.com',
    'jane@@example.com',
    'jane.example.com',
    'jane@example.com,',
    'jane@example.com; john@example.com',
    '@example.com',
    'jane@',
    'jane..smith@example.com',
    '.jane@example.com',
    'jane@-example.com',
    'jane@example.c',
    'jane@example.123',
    'zoë@example.com',
    '',
  ])('refuses %j', (email) => expect(isValidEmail(email)).toBe(false));
});

const parent = (id: string, email?: string): LoginCandidate => ({
  userKey: `contact:${id}`,
  kind: 'parent',
  email,
  records: [{ dataset: 'contacts', id }],
});
const pupil = (id: string, email?: string): LoginCandidate => ({
  userKey: `student:${id}`,
  kind: 'student',
  email,
  records: [{ dataset: 'pupils', id }],
});
const staff = (id: string, email?: string): LoginCandidate => ({
  userKey: `staff:${id}`,
  kind: 'staff',
  email,
  records: [{ dataset: 'staff', id }],
});

describe('assignLogins', () => {
  it('gives a unique valid email a login, normalised', () => {
    const { loginEmails, findings } = assignLogins([
      parent('1', ' Jane.Smith@Example.COM '),
      staff('2', 'T.Jones@school.example'),
    ]);
    expect(Object.fromEntries(loginEmails)).toEqual({
      'contact:1': 'jane.smith@example.com',
      'staff:2': 't.jones@school.example',
    });
    expect(findings).toEqual([]);
  });

  it('two parents with one family email: neither gets a login, a finding each naming the other', () => {
    const { loginEmails, findings } = assignLogins([
      parent('10', 'smiths@example.com'),
      parent('11', 'SMITHS@example.com '),
    ]);
    expect(loginEmails.size).toBe(0);
    expect(findings.map((f) => [f.kind, f.dataset, f.recordRef])).toEqual([
      ['shared-email', 'contacts', 'contact 10'],
      ['shared-email', 'contacts', 'contact 11'],
    ]);
    expect(findings[0].message).toContain('contact 11');
    expect(findings[0].fix).toContain('Pupil Manager > Contacts');
  });

  it("a pupil using a parent's email: neither gets a login", () => {
    const { loginEmails, findings } = assignLogins([
      pupil('000123', 'mum@example.com'),
      parent('5', 'mum@example.com'),
    ]);
    expect(loginEmails.size).toBe(0);
    expect(findings.map((f) => [f.kind, f.dataset])).toEqual([
      ['shared-email', 'pupils'],
      ['shared-email', 'contacts'],
    ]);
    expect(findings[0].fix).toContain("Pupil Manager > the pupil's record");
  });

  it.each([
    ['parent without email', parent('1'), 'missing-email', 'Pupil Manager > Contacts'],
    ['staff without email', staff('2', '  '), 'missing-email', 'HR Manager'],
    ['parent with an invalid email', parent('3', 'n/a'), 'invalid-email', 'Pupil Manager > Contacts'],
    ['staff with an invalid email', staff('4', 'jones@school'), 'invalid-email', 'HR Manager'],
    ['pupil with an invalid email', pupil('5', 'pupil@@school.example'), 'invalid-email', 'Pupil Manager'],
  ])('%s → no login and a finding saying where to fix it', (_case, candidate, kind, where) => {
    const { loginEmails, findings } = assignLogins([candidate]);
    expect(loginEmails.size).toBe(0);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind, severity: 'warning' });
    expect(findings[0].fix).toContain(where);
  });

  it('a pupil without an email is normal: no login, no finding', () => {
    expect(assignLogins([pupil('1')])).toEqual({ loginEmails: new Map(), findings: [] });
  });

  it('names every record of a merged person and never quotes the email', () => {
    const merged: LoginCandidate = {
      userKey: 'staff:7',
      kind: 'staff',
      email: 'shared@example.com',
      records: [
        { dataset: 'staff', id: '7' },
        { dataset: 'contacts', id: '12' },
      ],
    };
    const { findings } = assignLogins([merged, parent('13', 'shared@example.com')]);
    expect(findings[0].recordRef).toBe('staff member 7 / contact 12');
    expect(findings[0].fix).toContain('HR Manager');
    expect(findings[0].fix).toContain('Pupil Manager > Contacts');
    expect(JSON.stringify(findings)).not.toContain('shared@example.com');
  });
});
