import {
  identityKeys,
  publicFields,
  serialiseUserContent,
  sortRoles,
  userContentHash,
  userKeyOf,
  userKind,
  type PlannedUser,
} from './user.model';

const base: PlannedUser = {
  userKey: 'staff:7',
  roles: ['staff', 'parent'],
  isams: { staffId: '7', contactIds: ['12'] },
  title: 'Mrs',
  forename: 'Zoë',
  surname: "O'Brien",
  email: 'Zoe.OBrien@School.example',
  loginEmail: 'zoe.obrien@school.example',
  childUserKeys: ['student:100'],
  active: true,
};

describe('userKeyOf', () => {
  it.each([
    [{ studentId: '000123', contactIds: [] }, 'student:000123'],
    [{ staffId: '7', contactIds: ['12'] }, 'staff:7'],
    [{ contactIds: ['12', '9'] }, 'contact:9'],
    [{ contactIds: ['100', '99'] }, 'contact:99'],
  ])('%j → %s', (identity, key) => expect(userKeyOf(identity)).toBe(key));

  it('refuses a user with no identity', () => expect(() => userKeyOf({ contactIds: [] })).toThrow(RangeError));
  it('lists every identity', () =>
    expect(identityKeys({ staffId: '7', contactIds: ['12', '3'] })).toEqual(['staff:7', 'contact:3', 'contact:12']));
});

describe('userKind and roles', () => {
  it.each([
    [['student'], 'student'],
    [['parent'], 'parent'],
    [['parent', 'staff'], 'staff'],
  ] as const)('%j is counted as %s', (roles, kind) => expect(userKind({ roles: [...roles] })).toBe(kind));
  it('orders roles', () => expect(sortRoles(['parent', 'staff', 'parent'])).toEqual(['staff', 'parent']));
});

describe('publicFields', () => {
  it('carries only the public fields, in a fixed order', () => {
    const withExtras = { ...base, medical: { allergies: ['nuts'] }, secret: 'x' } as unknown as PlannedUser;
    const fields = publicFields(withExtras);
    expect(Object.keys(fields)).toEqual([
      'userKey',
      'roles',
      'isams',
      'title',
      'forename',
      'surname',
      'email',
      'loginEmail',
      'childUserKeys',
      'active',
    ]);
    expect(JSON.stringify(fields)).not.toMatch(/nuts|secret/);
  });

  it('is a copy', () => {
    const fields = publicFields(base);
    fields.childUserKeys.push('student:999');
    expect(base.childUserKeys).toEqual(['student:100']);
  });
});

describe('userContentHash', () => {
  it('does not depend on the order fields were set in', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as PlannedUser;
    expect(userContentHash(reordered)).toBe(userContentHash(base));
  });

  it.each([
    ['forename', { forename: 'Zoe' }],
    ['loginEmail', { loginEmail: undefined }],
    ['roles', { roles: ['staff'] as PlannedUser['roles'] }],
    ['childUserKeys', { childUserKeys: ['student:100', 'student:101'] }],
    ['yearGroup', { yearGroup: 'Year 7' }],
  ])('changes when %s changes', (_field, patch) =>
    expect(userContentHash({ ...base, ...patch })).not.toBe(userContentHash(base)),
  );

  it('ignores active (deactivation and reactivation are their own changes)', () => {
    expect(userContentHash({ ...base, active: false })).toBe(userContentHash(base));
  });

  it('keeps non-ASCII names as they are', () =>
    expect(serialiseUserContent(base)).toContain('"forename":"Zoë","surname":"O\'Brien"'));
});
