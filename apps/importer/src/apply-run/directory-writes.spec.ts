import { emptyCounts, type ChangePlan, type PlannedUser } from '@isams-sync/import-rules';
import type { StoredUser } from '@isams-sync/persistence';
import { loginsAfter } from './directory-writes';

const user = (userKey: string, fields: Partial<PlannedUser> = {}): PlannedUser => ({
  userKey,
  roles: ['student'],
  isams: { contactIds: [] },
  childUserKeys: [],
  active: true,
  ...fields,
});
const stored = (userKey: string, fields: Partial<PlannedUser> = {}) =>
  ({
    ...user(userKey, fields),
    _id: `id-${userKey}`,
    kind: 'student',
    version: 1,
    contentHash: 'h',
    outbox: [],
  }) as unknown as StoredUser;
const emptyPlan = (): ChangePlan => ({
  creates: [],
  updates: [],
  unchanged: 0,
  deactivations: [],
  reactivations: [],
  groupMembershipChanges: [],
  counts: emptyCounts(),
});
const idOf = (key: string) => `id-${key}`;

describe('loginsAfter', () => {
  it.each<[string, StoredUser[], (plan: ChangePlan) => void, Record<string, string>]>([
    [
      'stored users keep their logins when nothing changes',
      [stored('a', { loginEmail: 'a@x.org' }), stored('b')],
      () => undefined,
      { 'a@x.org': 'id-a' },
    ],
    ['an inactive stored user has none', [stored('a', { loginEmail: 'a@x.org', active: false })], () => undefined, {}],
    [
      'a created user gets one',
      [],
      (p) =>
        p.creates.push({
          kind: 'student',
          user: user('c', { loginEmail: 'c@x.org' }),
          contentHash: 'h',
          change: 'created',
        }),
      { 'c@x.org': 'id-c' },
    ],
    [
      'an email change moves the login',
      [stored('a', { loginEmail: 'old@x.org' })],
      (p) =>
        p.updates.push({
          kind: 'student',
          userId: 'id-a',
          user: user('a', { loginEmail: 'new@x.org' }),
          contentHash: 'h',
          changedFields: ['loginEmail'],
          change: 'email_changed',
          changes: ['updated', 'email_changed'],
        }),
      { 'new@x.org': 'id-a' },
    ],
    [
      'a leaver loses it',
      [stored('a', { loginEmail: 'a@x.org' })],
      (p) =>
        p.deactivations.push({
          kind: 'student',
          userId: 'id-a',
          userKey: 'a',
          reason: 'left-pupils',
          change: 'deactivated',
          user: user('a', { loginEmail: 'a@x.org', active: false }),
          contentHash: 'h',
        }),
      {},
    ],
    [
      'a returning user gets it back',
      [stored('a', { loginEmail: 'a@x.org', active: false })],
      (p) =>
        p.reactivations.push({
          kind: 'student',
          userId: 'id-a',
          user: user('a', { loginEmail: 'a@x.org' }),
          contentHash: 'h',
          changedFields: [],
          change: 'reactivated',
        }),
      { 'a@x.org': 'id-a' },
    ],
  ])('%s', (_label, storedUsers, change, expected) => {
    const plan = emptyPlan();
    change(plan);
    expect(Object.fromEntries(loginsAfter(storedUsers, plan, idOf))).toEqual(expected);
  });
});
