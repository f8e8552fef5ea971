import { studentRecordSchema, type YearGroupRecord } from '@isams-sync/contracts';
import { parseIsamsDocument } from '@isams-sync/isams';
import { PUPILS_XML } from '../fixtures/isams-documents.fixture';
import { mapPupils, yearNamesByNcYear } from './pupils.mapper';

const pupils = (inner: string) => `<iSAMS><PupilManager><CurrentPupils>${inner}</CurrentPupils></PupilManager></iSAMS>`;
const map = (xml: string, structure?: { yearGroups: YearGroupRecord[] }) =>
  mapPupils(parseIsamsDocument(xml).root, { structure });
const YEARS: YearGroupRecord[] = [
  { type: 'yearGroup', isamsId: '7', ncYear: 7, name: 'Year 7' },
  { type: 'yearGroup', isamsId: '8', ncYear: 8, name: 'Year 8' },
];

describe('mapPupils: the fixture document', () => {
  const result = map(PUPILS_XML, { yearGroups: YEARS });

  it('maps every pupil with a SchoolId, from both CurrentPupils blocks, with exact field names', () => {
    expect(result.records).toEqual([
      {
        type: 'student',
        isamsId: '000123',
        pupilId: '1001',
        schoolCode: 'ZOB',
        personGuid: '0B1C6F0E-1111-4A2B-9C3D-000000000001',
        forename: 'Zoë',
        preferredName: 'Zo',
        surname: "O'Brien-Nguyễn",
        email: 'zoe.obrien@school.example',
        gender: 'F',
        dateOfBirth: '2012-05-15',
        ncYear: 7,
        yearGroup: 'Year 7',
        form: '7A',
        academicHouse: 'Tudor',
        familyId: '0042',
      },
      {
        type: 'student',
        isamsId: '000124',
        pupilId: '1002',
        forename: 'Siobhán',
        surname: 'Mac Giolla Phádraig',
        ncYear: 8,
        yearGroup: 'Year 8',
      },
      {
        type: 'student',
        isamsId: '98765432109876543210',
        pupilId: '1003',
        forename: 'José & Ana',
        surname: 'Déjà &#233;',
        ncYear: 7,
        yearGroup: 'Year 7',
      },
    ]);
    for (const record of result.records) expect(studentRecordSchema.parse(record)).toEqual(record);
  });

  it('turns the pupil without a SchoolId and the impossible date into findings', () => {
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'invalid-value',
        severity: 'warning',
        dataset: 'pupils',
        recordRef: 'PupilManager/CurrentPupils/Pupil[2] Id=1002 SchoolId=000124',
      }),
      expect.objectContaining({
        kind: 'missing-id',
        severity: 'error',
        dataset: 'pupils',
        recordRef: 'PupilManager/CurrentPupils/Pupil[4] Id=1004',
      }),
    ]);
  });

  it('findings never quote personal data', () => {
    expect(JSON.stringify(result.findings)).not.toMatch(/Siobhán|Phádraig|2011-02-30/);
  });
});

describe('mapPupils: quirks', () => {
  it.each([
    [
      'whitespace-only and empty values are absent',
      '<Pupil Id="1"><SchoolId>1</SchoolId><Title/><Forename>   </Forename><Middlename>&#x20;</Middlename><Surname></Surname></Pupil>',
      { type: 'student', isamsId: '1', pupilId: '1' },
    ],
    [
      'names are trimmed, non-ASCII and apostrophes intact',
      '<Pupil Id="1"><SchoolId> 1 </SchoolId><Forename> Nguyễn </Forename><Surname>  D&apos;Arcy-Ó Súilleabháin </Surname></Pupil>',
      { type: 'student', isamsId: '1', pupilId: '1', forename: 'Nguyễn', surname: "D'Arcy-Ó Súilleabháin" },
    ],
    [
      'lower-case id attribute',
      '<Pupil id="77"><SchoolId>1</SchoolId></Pupil>',
      { type: 'student', isamsId: '1', pupilId: '77' },
    ],
    [
      'leading zeros and long ids survive',
      '<Pupil Id="000000000000000000000001"><SchoolId>0000000000012345678901234567890</SchoolId><FamilyId>007</FamilyId></Pupil>',
      {
        type: 'student',
        isamsId: '0000000000012345678901234567890',
        pupilId: '000000000000000000000001',
        familyId: '007',
      },
    ],
    [
      'a date with a time part becomes a date',
      '<Pupil Id="1"><SchoolId>1</SchoolId><DOB>1948-05-15T00:00:00</DOB></Pupil>',
      { type: 'student', isamsId: '1', pupilId: '1', dateOfBirth: '1948-05-15' },
    ],
    [
      'unknown elements and attributes are ignored',
      '<Pupil Id="1" Shoe="9"><SchoolId>1</SchoolId><Pets><Pet>Cat</Pet></Pets><isAdmin>true</isAdmin></Pupil>',
      { type: 'student', isamsId: '1', pupilId: '1' },
    ],
    [
      'a Legacy child is not read as data',
      '<Pupil Id="1"><SchoolId>1</SchoolId><Form Legacy="True">OLD</Form><Form>7A</Form><Tutor Legacy="True">ABC</Tutor></Pupil>',
      { type: 'student', isamsId: '1', pupilId: '1', form: '7A' },
    ],
    [
      'SchoolId sent as an attribute is accepted',
      '<Pupil Id="1" SchoolId="0099"/>',
      { type: 'student', isamsId: '0099', pupilId: '1' },
    ],
    [
      'a __proto__ element changes nothing',
      '<Pupil Id="1"><SchoolId>1</SchoolId><__proto__><forename>x</forename></__proto__><constructor>y</constructor></Pupil>',
      { type: 'student', isamsId: '1', pupilId: '1' },
    ],
  ])('%s', (_what, inner, expected) => {
    const { records, findings } = map(pupils(inner));
    expect(records).toEqual([expected]);
    expect(findings).toEqual([]);
  });

  it('a one-pupil collection is still a collection', () => {
    expect(map(pupils('<Pupil Id="1"><SchoolId>1</SchoolId></Pupil>')).records).toHaveLength(1);
  });

  it.each([
    ['no SchoolId element', '<Pupil Id="5"><Forename>A</Forename></Pupil>'],
    ['an empty SchoolId', '<Pupil Id="5"><SchoolId/></Pupil>'],
    ['a whitespace SchoolId', '<Pupil Id="5"><SchoolId>&#x20;</SchoolId></Pupil>'],
    ['a Pupil that is just text', '<Pupil>oops</Pupil>'],
  ])('a pupil with %s becomes an error finding, never a crash or a silent drop', (_what, inner) => {
    const { records, findings } = map(pupils(inner));
    expect(records).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'missing-id', severity: 'error', fix: expect.stringContaining('School ID') }),
    ]);
  });

  it('a pupil without its Id attribute is kept, with a warning that set lists cannot name it', () => {
    const { records, findings } = map(pupils('<Pupil><SchoolId>1</SchoolId></Pupil>'));
    expect(records).toEqual([{ type: 'student', isamsId: '1' }]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing-id', severity: 'warning' })]);
  });

  it.each([
    ['a non-numeric NC year', '<NCYear>Y7</NCYear>'],
    ['a fractional NC year', '<NCYear>7.5</NCYear>'],
    ['an impossible DOB', '<DOB>2023-02-29T00:00:00</DOB>'],
  ])('%s is left out with a warning', (_what, field) => {
    const { records, findings } = map(pupils(`<Pupil Id="1"><SchoolId>1</SchoolId>${field}</Pupil>`));
    expect(records).toEqual([{ type: 'student', isamsId: '1', pupilId: '1' }]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'invalid-value', severity: 'warning' })]);
  });

  it('the same pupil in two merged blocks is kept once, with an info finding', () => {
    const block = '<CurrentPupils><Pupil Id="1"><SchoolId>1</SchoolId></Pupil></CurrentPupils>';
    const { records, findings } = map(`<iSAMS><PupilManager>${block}${block}</PupilManager></iSAMS>`);
    expect(records).toHaveLength(1);
    expect(findings).toEqual([expect.objectContaining({ kind: 'duplicate-record', severity: 'info' })]);
  });

  it('two different pupils sharing a SchoolId: the first is kept, with a warning', () => {
    const { records, findings } = map(
      pupils('<Pupil Id="1"><SchoolId>1</SchoolId></Pupil><Pupil Id="2"><SchoolId>1</SchoolId></Pupil>'),
    );
    expect(records).toEqual([{ type: 'student', isamsId: '1', pupilId: '1' }]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'duplicate-record', severity: 'warning' })]);
  });

  it('an empty or missing section maps to nothing (the dataset-level check reports it)', () => {
    expect(map('<iSAMS><PupilManager><CurrentPupils/></PupilManager></iSAMS>')).toEqual({ records: [], findings: [] });
    expect(map('<iSAMS/>')).toEqual({ records: [], findings: [] });
  });
});

describe('mapPupils: year group', () => {
  const one = pupils('<Pupil Id="1"><SchoolId>1</SchoolId><NCYear>7</NCYear></Pupil>');

  it('is absent when no structure is passed', () => {
    expect(map(one).records[0]).not.toHaveProperty('yearGroup');
  });

  it("is the year's display name when the structure is passed", () => {
    expect(map(one, { yearGroups: YEARS }).records[0]).toMatchObject({ ncYear: 7, yearGroup: 'Year 7' });
  });

  it('is absent, with a warning, when the NC year is not in the structure', () => {
    const { records, findings } = map(pupils('<Pupil Id="1"><SchoolId>1</SchoolId><NCYear>12</NCYear></Pupil>'), {
      yearGroups: YEARS,
    });
    expect(records[0]).toEqual({ type: 'student', isamsId: '1', pupilId: '1', ncYear: 12 });
    expect(findings).toEqual([expect.objectContaining({ kind: 'unknown-reference', severity: 'warning' })]);
  });

  it('yearNamesByNcYear keeps the first name for an NC year and skips unnamed years', () => {
    const names = yearNamesByNcYear([
      { type: 'yearGroup', isamsId: '7', ncYear: 7, name: 'Year 7' },
      { type: 'yearGroup', isamsId: '07', ncYear: 7, name: 'Seven' },
      { type: 'yearGroup', isamsId: '8', ncYear: 8 },
    ]);
    expect([...names]).toEqual([[7, 'Year 7']]);
  });
});
