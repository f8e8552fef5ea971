import type { ContactRecord } from '@isams-sync/contracts';
import {
  DEFAULT_CONTACT_FILTER,
  filterContacts,
  type ContactExclusionReason,
  type ContactFilter,
} from './contact-filter';
import { contact } from './testing/record.builders';

// Pupil 1 is in Year 5, pupil 2 in Year 9, pupil 3 has no year group; pupil 99 is not current.
const yearGroupOf = new Map<string, string | undefined>([
  ['1', 'Year 5'],
  ['2', 'Year 9'],
  ['3', undefined],
]);

type Case = [
  string,
  Partial<ContactRecord> & { studentIds?: string[] },
  Partial<ContactFilter>,
  ContactExclusionReason | 'included',
];
const cases: Case[] = [
  ['a Mother with both mail options', {}, {}, 'included'],
  ['a Father with Correspondence only', { relationType: 'Father', mailMerge: false }, {}, 'included'],
  ['a Mother with All Merges only', { correspondence: false }, {}, 'included'],
  ['relation type in other case and spacing', { relationType: '  MOTHER ' }, {}, 'included'],
  [
    'an emergency-only contact',
    { relationType: 'Emergency Contact', mailMerge: false, correspondence: false },
    {},
    'contact-type',
  ],
  ['a Grandmother', { relationType: 'Grandmother' }, {}, 'contact-type'],
  ['a "Parents" joint contact, default types', { relationType: 'Parents' }, {}, 'contact-type'],
  [
    'a "Parents" joint contact when the school chose Parents',
    { relationType: 'Parents' },
    { types: ['Mother', 'Father', 'parents'] },
    'included',
  ],
  [
    'a Stepfather when the school chose Step Father',
    { relationType: 'Stepfather' },
    { types: ['Step Father'] },
    'contact-type',
  ],
  ['no relation type', { relationType: undefined }, {}, 'contact-type'],
  ['a Mother with no mail option ticked', { mailMerge: false, correspondence: false }, {}, 'mail-options'],
  [
    'a Mother with Correspondence when only All Merges counts',
    { mailMerge: false },
    { mailOptions: ['allMerges'] },
    'mail-options',
  ],
  ['a Mother of a pupil in a chosen year group', {}, { yearGroups: ['year 5'] }, 'included'],
  [
    'a Mother of a pupil outside the chosen year groups',
    { studentIds: ['2'] },
    { yearGroups: ['Year 5'] },
    'year-group',
  ],
  [
    'a Mother of pupils in and outside the chosen year groups',
    { studentIds: ['1', '2'] },
    { yearGroups: ['Year 9'] },
    'included',
  ],
  [
    'a Mother of a pupil with no year group, year groups chosen',
    { studentIds: ['3'] },
    { yearGroups: ['Year 5'] },
    'year-group',
  ],
  ['a Mother of a pupil who is not current', { studentIds: ['99'] }, {}, 'no-current-pupil'],
  ['a Mother linked to no pupil', { studentIds: [] }, {}, 'no-current-pupil'],
  [
    'a Mother of a pupil who is not current, year groups chosen',
    { studentIds: ['99'] },
    { yearGroups: ['Year 5'] },
    'no-current-pupil',
  ],
];

describe('filterContacts', () => {
  it.each(cases)('%s → %s', (_case, fields, filter, expected) => {
    const record = contact('10', fields.studentIds ?? ['1'], fields);
    const { included, excluded } = filterContacts([record], yearGroupOf, { ...DEFAULT_CONTACT_FILTER, ...filter });
    if (expected === 'included') {
      expect(included).toEqual([record]);
      expect(Object.values(excluded).every((count) => count === 0)).toBe(true);
    } else {
      expect(included).toEqual([]);
      expect(excluded[expected]).toBe(1);
    }
  });

  it('counts exclusions per reason, once each, and defaults to Mother/Father with either mail option', () => {
    const { included, excluded } = filterContacts(
      [
        contact('1', ['1']),
        contact('2', ['1'], { relationType: 'Father' }),
        contact('3', ['1'], { relationType: 'Grandfather', mailMerge: false, correspondence: false }),
        contact('4', ['1'], { relationType: 'Nanny' }),
        contact('5', ['1'], { correspondence: false, mailMerge: false }),
        contact('6', ['99']),
      ],
      yearGroupOf,
    );
    expect(included.map((c) => c.isamsId)).toEqual(['1', '2']);
    expect(excluded).toEqual({ 'contact-type': 2, 'mail-options': 1, 'year-group': 0, 'no-current-pupil': 1 });
  });
});
