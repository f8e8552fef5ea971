import { normalisedRecordSchema } from '@isams-sync/contracts';
import { parseIsamsDocument } from '@isams-sync/isams';
import { STRUCTURE_XML } from '../fixtures/isams-documents.fixture';
import { mapStructure } from './structure.mapper';

const school = (inner: string) => `<iSAMS><SchoolManager>${inner}</SchoolManager></iSAMS>`;
const map = (xml: string) => mapStructure(parseIsamsDocument(xml).root);

describe('mapStructure: the fixture document', () => {
  const result = map(STRUCTURE_XML);

  it('maps years, forms and both kinds of house; divisions and terms yield no record', () => {
    expect(result.records).toEqual([
      { type: 'yearGroup', isamsId: '7', ncYear: 7, name: 'Year 7', code: 'Y7' },
      { type: 'yearGroup', isamsId: '8', ncYear: 8, name: 'Year 8', code: 'Y8' },
      { type: 'yearGroup', isamsId: '9', ncYear: 9, name: 'Year 8', code: 'C2Y8' },
      { type: 'form', isamsId: '7A', name: '7A', ncYear: 7, tutorId: '45' },
      { type: 'house', isamsId: '1', kind: 'academic', name: 'Tudor', code: 'TU', houseMasterId: '45' },
      { type: 'house', isamsId: '1', kind: 'boarding', name: 'School House', code: 'SH' },
    ]);
    for (const record of result.records) expect(normalisedRecordSchema.parse(record)).toEqual(record);
  });

  it('warns that two years share a display name (they become one SchoolsBuddy year group)', () => {
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'duplicate-name',
        severity: 'warning',
        recordRef: 'SchoolManager/Years/Year Id=8,9',
      }),
    ]);
  });
});

describe('mapStructure: quirks', () => {
  it.each([
    [
      'a year without a Name',
      '<Years><Year Id="7"><Code>Y7</Code></Year></Years>',
      { type: 'yearGroup', isamsId: '7', ncYear: 7, code: 'Y7' },
      'missing-field',
    ],
    [
      'a year whose Id is not an NC year',
      '<Years><Year Id="Y7"><Name>Year 7</Name></Year></Years>',
      { type: 'yearGroup', isamsId: 'Y7', name: 'Year 7' },
      'invalid-value',
    ],
  ])('%s is kept, with a warning', (_what, inner, expected, kind) => {
    const { records, findings } = map(school(inner));
    expect(records).toEqual([expected]);
    expect(findings).toEqual([expect.objectContaining({ kind, severity: 'warning' })]);
  });

  it.each([
    [
      'Id attribute and Form child',
      '<Form Id="7A" YearId="7" TutorId="45"><Form>7A</Form></Form>',
      { type: 'form', isamsId: '7A', name: '7A', ncYear: 7, tutorId: '45' },
    ],
    [
      'lower-case id, no Form child',
      '<Form id="7B" YearId="07"/>',
      { type: 'form', isamsId: '7B', name: '7B', ncYear: 7 },
    ],
    [
      'only the Form child',
      '<Form YearId="8"><Form>8C</Form></Form>',
      { type: 'form', isamsId: '8C', name: '8C', ncYear: 8 },
    ],
    [
      'a Legacy Tutor next to TutorId is ignored',
      '<Form Id="7A" TutorId="45"><Tutor Legacy="True">JBL</Tutor></Form>',
      { type: 'form', isamsId: '7A', name: '7A', tutorId: '45' },
    ],
    [
      'TutorId as a child element',
      '<Form Id="7A"><TutorId>45</TutorId></Form>',
      { type: 'form', isamsId: '7A', name: '7A', tutorId: '45' },
    ],
  ])('form: %s', (_what, form, expected) => {
    const { records, findings } = map(school(`<Forms>${form}</Forms>`));
    expect(records).toEqual([expected]);
    expect(findings).toEqual([]);
  });

  it('academic and boarding houses with the same Id are different records', () => {
    const { records } = map(
      school(
        '<AcademicHouses><House Id="1"><Name>A</Name></House></AcademicHouses><BoardingHouses><House id="1"><Name>B</Name></House></BoardingHouses>',
      ),
    );
    expect(records).toEqual([
      { type: 'house', isamsId: '1', kind: 'academic', name: 'A' },
      { type: 'house', isamsId: '1', kind: 'boarding', name: 'B' },
    ]);
  });

  it.each([
    ['year', '<Years><Year><Name>Year 7</Name></Year></Years>'],
    ['form', '<Forms><Form YearId="7"/></Forms>'],
    ['house', '<AcademicHouses><House><Name>Tudor</Name></House></AcademicHouses>'],
  ])('a %s without an id is an error finding', (_what, inner) => {
    const { records, findings } = map(school(inner));
    expect(records).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing-id', severity: 'error' })]);
  });
});
