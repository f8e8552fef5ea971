import type { DatasetCompleteness } from './dataset-completeness';
import { planChanges } from './plan-changes';
import { formatPlanEntry, planListing } from './plan-listing';
import { plannedUser, stored } from './testing/record.builders';
import type { PlannedUser } from './user.model';

const complete: DatasetCompleteness = {
  pupils: 'complete',
  staff: 'complete',
  contacts: 'complete',
  structure: 'complete',
  teaching: 'complete',
};
const plan = (current: PlannedUser[], incoming: PlannedUser[]) =>
  planChanges(
    current.map((u) => stored(u)),
    { users: incoming, groups: [] },
    complete,
    [],
  );

describe('planListing', () => {
  const amy = plannedUser('student:001', { forename: 'Amy', surname: 'Bell', preferredName: 'Ames' });
  const ben = plannedUser('student:002', { forename: 'Ben', surname: 'Cole' });
  const cat = plannedUser('staff:S3', { forename: 'Cat', surname: 'Dunn' });

  it.each<[string, PlannedUser[], PlannedUser[], Array<[string, string, string[]]>]>([
    ['nothing to do', [amy], [amy], []],
    ['a new pupil', [], [amy], [['create', 'student:001', []]]],
    ['a changed form', [amy], [{ ...amy, form: '7B' }], [['update', 'student:001', ['form']]]],
    ['a pupil who left', [amy, ben], [ben], [['deactivate', 'student:001', ['left-pupils']]]],
    ['a returning pupil', [{ ...amy, active: false }], [amy], [['reactivate', 'student:001', []]]],
    [
      'several, listed by userKey',
      [ben],
      [cat, amy, ben],
      [
        ['create', 'staff:S3', []],
        ['create', 'student:001', []],
      ],
    ],
  ])('%s', (_label, current, incoming, expected) => {
    const { entries } = planListing(plan(current, incoming));
    expect(
      entries.map((e) => (e.target === 'user' ? [e.change, e.userKey, e.detail] : [e.change, e.groupKey, []])),
    ).toEqual(expected);
  });

  it('names people by preferred name and surname', () => {
    expect(planListing(plan([], [amy])).entries[0]).toMatchObject({ name: 'Ames Bell', kind: 'student' });
  });

  it('the same plan gives the same fingerprint, whatever order the users came in; another plan another one', () => {
    const a = planListing(plan([], [amy, ben, cat]));
    const b = planListing(plan([], [cat, ben, amy]));
    const c = planListing(plan([], [amy, ben]));
    const d = planListing(plan([], [amy, { ...ben, form: '8C' }, cat]));
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(planListing(plan([ben], [amy, { ...ben, form: '8C' }, cat])).fingerprint).not.toBe(d.fingerprint);
  });

  it('formats one readable line per entry', () => {
    const [entry] = planListing(plan([amy, ben], [ben])).entries;
    expect(formatPlanEntry(entry)).toBe('deactivate student student:001  Ames Bell  (left-pupils)');
    expect(
      formatPlanEntry({
        target: 'group',
        groupKey: 'year:7',
        name: 'Year 7',
        change: 'update',
        added: ['a', 'b'],
        removed: ['c'],
      }),
    ).toBe('update     group   year:7  Year 7  (members +2 -1)');
  });
});
