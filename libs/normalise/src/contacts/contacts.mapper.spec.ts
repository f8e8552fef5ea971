import { contactRecordSchema } from '@isams-sync/contracts';
import { parseIsamsDocument } from '@isams-sync/isams';
import { CONTACTS_XML } from '../fixtures/isams-documents.fixture';
import { mapContacts } from './contacts.mapper';

const contacts = (inner: string) => `<iSAMS><PupilManager><Contacts>${inner}</Contacts></PupilManager></iSAMS>`;
const map = (xml: string) => mapContacts(parseIsamsDocument(xml).root);
const FLAGS =
  '<IncludeInAllMailMerges>1</IncludeInAllMailMerges><IncludeInMailMergeForCorrespondence>0</IncludeInMailMergeForCorrespondence>';
const LINKED = '<Pupils><Pupil Id="1"><SchoolId>000123</SchoolId></Pupil></Pupils>';

describe('mapContacts: the fixture document', () => {
  const result = map(CONTACTS_XML);

  it('maps contacts with their linked pupils, relation, mail options and parental responsibility', () => {
    expect(result.records).toEqual([
      {
        type: 'contact',
        isamsId: '501',
        personId: '9001',
        studentIds: ['000123'],
        relationType: 'Mother',
        title: 'Mrs',
        forename: 'Aoife',
        surname: "O'Brien",
        email: 'aoife@example.org',
        mobile: '07700900123',
        mailMerge: true,
        correspondence: false,
        parentalResponsibility: 'yes',
      },
      {
        type: 'contact',
        isamsId: '502',
        studentIds: ['000124', '98765432109876543210'],
        relationType: 'Parents',
        title: 'Mr & Mrs',
        forename: 'John & Jane',
        surname: 'Smith',
        mailMerge: false,
        correspondence: true,
        parentalResponsibility: 'default',
      },
    ]);
    for (const record of result.records) expect(contactRecordSchema.parse(record)).toEqual(record);
  });

  it('the contact without an Id is an error finding', () => {
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'missing-id', severity: 'error', recordRef: 'PupilManager/Contacts/Contact[3]' }),
    ]);
  });
});

describe('mapContacts: quirks', () => {
  it.each([
    ['1 / 0', '1', '0', true, false],
    ['True / False', 'True', 'False', true, false],
    ['true / TRUE', 'true', 'TRUE', true, true],
    ['empty / whitespace', '', ' ', false, false],
  ])('mail options %s', (_what, allMerges, correspondence, mailMerge, expectedCorrespondence) => {
    const xml = contacts(
      `<Contact Id="1"><IncludeInAllMailMerges>${allMerges}</IncludeInAllMailMerges><IncludeInMailMergeForCorrespondence>${correspondence}</IncludeInMailMergeForCorrespondence>${LINKED}</Contact>` +
        `<Contact Id="2">${FLAGS}${LINKED}</Contact>`,
    );
    expect(map(xml).records[0]).toMatchObject({ mailMerge, correspondence: expectedCorrespondence });
  });

  it('an unreadable mail option reads as not ticked, with a warning', () => {
    const { records, findings } = map(
      contacts(
        `<Contact Id="1"><IncludeInAllMailMerges>Maybe</IncludeInAllMailMerges><IncludeInMailMergeForCorrespondence>1</IncludeInMailMergeForCorrespondence>${LINKED}</Contact>`,
      ),
    );
    expect(records[0]).toMatchObject({ mailMerge: false, correspondence: true });
    expect(findings).toEqual([expect.objectContaining({ kind: 'invalid-value', severity: 'warning' })]);
  });

  it('a mail option missing from every contact raises one dataset warning per option (the element name may differ)', () => {
    const { records, findings } = map(
      contacts(`<Contact Id="1">${LINKED}</Contact><Contact Id="2">${LINKED}</Contact>`),
    );
    expect(records.map((record) => [record.mailMerge, record.correspondence])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'missing-field', message: expect.stringContaining('IncludeInAllMailMerges') }),
      expect.objectContaining({
        kind: 'missing-field',
        message: expect.stringContaining('IncludeInMailMergeForCorrespondence'),
      }),
    ]);
    expect(findings[0]).not.toHaveProperty('recordRef');
  });

  it.each([
    ['Yes', 'yes'],
    ['NO', 'no'],
    ['Default', 'default'],
    ['', undefined],
  ])('parental responsibility %j → %j', (raw, expected) => {
    const record = map(
      contacts(`<Contact Id="1">${FLAGS}<ParentalResponsibility>${raw}</ParentalResponsibility>${LINKED}</Contact>`),
    ).records[0];
    expect(record.parentalResponsibility).toBe(expected);
  });

  it('an unknown parental responsibility is absent, with a warning', () => {
    const { records, findings } = map(
      contacts(`<Contact Id="1">${FLAGS}<ParentalResponsibility>Shared</ParentalResponsibility>${LINKED}</Contact>`),
    );
    expect(records[0]).not.toHaveProperty('parentalResponsibility');
    expect(findings).toEqual([expect.objectContaining({ kind: 'invalid-value' })]);
  });

  it('linked pupils: one-item collection, lower-case id, duplicates, sorted, whitespace trimmed', () => {
    const { records } = map(
      contacts(
        `<Contact id="1">${FLAGS}<Pupils><Pupil Id="3"><SchoolId> 0003 </SchoolId></Pupil><Pupil Id="1"><SchoolId>0001</SchoolId></Pupil><Pupil Id="3"><SchoolId>0003</SchoolId></Pupil></Pupils></Contact>`,
      ),
    );
    expect(records[0]).toMatchObject({ isamsId: '1', studentIds: ['0001', '0003'] });
  });

  it('a linked pupil without a SchoolId is ignored with a warning; a Legacy one silently', () => {
    const { records, findings } = map(
      contacts(
        `<Contact Id="1">${FLAGS}<Pupils><Pupil Id="3"/><Pupil Legacy="True">OLD</Pupil><Pupil Id="1"><SchoolId>0001</SchoolId></Pupil></Pupils></Contact>`,
      ),
    );
    expect(records[0].studentIds).toEqual(['0001']);
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing-id', severity: 'warning' })]);
  });

  it('a contact linked to no pupil is kept, with a warning', () => {
    const { records, findings } = map(contacts(`<Contact Id="1">${FLAGS}<Pupils/></Contact>`));
    expect(records[0].studentIds).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'no-linked-pupils', severity: 'warning' })]);
  });

  it('the address block and unknown elements are ignored', () => {
    const { records } = map(
      contacts(
        `<Contact Id="1">${FLAGS}<Address1>1 High St</Address1><Postcode>AB1 2CD</Postcode><Telephone>01234</Telephone>${LINKED}</Contact>`,
      ),
    );
    expect(Object.keys(records[0]).sort()).toEqual(['correspondence', 'isamsId', 'mailMerge', 'studentIds', 'type']);
  });
});
