import { RECORD_SCHEMAS, findingSchema, normalisedRecordSchema, type YearGroupRecord } from '@isams-sync/contracts';
import { XML_ENGINES, XmlParseError, type Dataset } from '@isams-sync/isams';
import * as fixtures from './fixtures/isams-documents.fixture';
import { serialiseRecord } from './records/record-identity';
import { countFindings, transformDocument } from './transform-document';

const TODAY = '2026-11-28';
const DOCUMENTS: ReadonlyArray<[Dataset, string, Record<string, number>, string[]]> = [
  ['pupils', fixtures.PUPILS_XML, { student: 3 }, ['PupilManager/CurrentPupils']],
  ['contacts', fixtures.CONTACTS_XML, { contact: 2 }, ['PupilManager/Contacts']],
  ['staff', fixtures.STAFF_XML, { staff: 3 }, ['HRManager/CurrentStaff']],
  [
    'structure',
    fixtures.STRUCTURE_XML,
    { yearGroup: 3, form: 1, house: 2 },
    [
      'SchoolManager/Years',
      'SchoolManager/Forms',
      'SchoolManager/AcademicHouses',
      'SchoolManager/BoardingHouses',
      'SchoolManager/SchoolDivisions',
      'SchoolManager/Terms',
    ],
  ],
  [
    'teaching',
    fixtures.TEACHING_XML,
    { subject: 1, set: 2 },
    ['TeachingManager/Departments', 'TeachingManager/Sets', 'TeachingManager/SetLists'],
  ],
  ['photos', fixtures.PHOTOS_XML, { photo: 2 }, ['PupilManager/PupilPhotos', 'HRManager/StaffPhotos']],
  ['medical', fixtures.MEDICAL_XML, { medical: 1 }, ['MedicalManager/PupilMedicalRecords']],
];

describe('transformDocument over each dataset fixture (bytes in, as the transformer and the CLI call it)', () => {
  it.each(DOCUMENTS)('%s', (dataset, xml, counts, sections) => {
    const result = transformDocument(dataset, Buffer.from(xml, 'utf8'), { today: TODAY });
    expect(result.dataset).toBe(dataset);
    expect(result.counts).toEqual(counts);
    expect(result.sections).toEqual(sections);
    for (const record of result.records) expect(normalisedRecordSchema.parse(record)).toEqual(record);
    for (const finding of result.findings) expect(findingSchema.parse(finding)).toEqual({ ...finding, dataset });
    expect(result.findings.filter((finding) => finding.kind.endsWith('-section'))).toEqual([]);
  });

  it.each(XML_ENGINES)('the %s engine gives the same result', (engine) => {
    for (const [dataset, xml] of DOCUMENTS) {
      expect(transformDocument(dataset, xml, { today: TODAY, engine })).toEqual(
        transformDocument(dataset, xml, { today: TODAY }),
      );
    }
  });

  it('every record serialises in its schema field order', () => {
    for (const [dataset, xml] of DOCUMENTS) {
      for (const record of transformDocument(dataset, xml, { today: TODAY }).records) {
        const schemaOrder = Object.keys(RECORD_SCHEMAS[record.type].shape).filter(
          (key) => key in record && key !== 'dataBase64',
        );
        expect(Object.keys(JSON.parse(serialiseRecord(record)) as object)).toEqual(schemaOrder);
      }
    }
  });

  it('pupils get their year group only when the structure is passed', () => {
    const structure = transformDocument('structure', fixtures.STRUCTURE_XML, { today: TODAY });
    const yearGroups = structure.records.filter((record): record is YearGroupRecord => record.type === 'yearGroup');
    const withStructure = transformDocument('pupils', fixtures.PUPILS_XML, { today: TODAY, structure: { yearGroups } });
    const without = transformDocument('pupils', fixtures.PUPILS_XML, { today: TODAY });
    expect(withStructure.records.map((record) => record.type === 'student' && record.yearGroup)).toEqual([
      'Year 7',
      'Year 8',
      'Year 7',
    ]);
    expect(without.records.some((record) => 'yearGroup' in record)).toBe(false);
  });
});

describe('transformDocument: dataset-level findings', () => {
  it('a missing required section is an error finding with the method to tick', () => {
    const result = transformDocument('structure', '<iSAMS><SchoolManager><Years/><Forms/></SchoolManager></iSAMS>', {
      today: TODAY,
    });
    expect(result.counts).toEqual({ yearGroup: 0, form: 0, house: 0 });
    expect(result.findings.map((finding) => [finding.kind, finding.severity, finding.recordRef])).toEqual([
      ['missing-section', 'error', 'SchoolManager/AcademicHouses'],
      ['missing-section', 'error', 'SchoolManager/BoardingHouses'],
      ['missing-section', 'error', 'SchoolManager/SchoolDivisions'],
      ['missing-section', 'error', 'SchoolManager/Terms'],
    ]);
    expect(result.findings[0].fix).toContain('School_GetAcademicHouses');
  });

  it('an empty pupils section is a warning, never silently "everyone left"', () => {
    const result = transformDocument('pupils', '<iSAMS><PupilManager><CurrentPupils/></PupilManager></iSAMS>', {
      today: TODAY,
    });
    expect(result.counts).toEqual({ student: 0 });
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'empty-section', severity: 'warning' })]);
  });

  it('sections the key should not return are warnings naming the method to untick; known optional ones are not', () => {
    const xml =
      '<iSAMS><PupilManager><CurrentPupils><Pupil Id="1"><SchoolId>1</SchoolId></Pupil></CurrentPupils><Pupils/></PupilManager>' +
      '<HRManager><CurrentStaff/></HRManager><Custom><Thing/></Custom></iSAMS>';
    const result = transformDocument('pupils', xml, { today: TODAY });
    expect(result.sections).toEqual([
      'PupilManager/CurrentPupils',
      'PupilManager/Pupils',
      'HRManager/CurrentStaff',
      'Custom/Thing',
    ]);
    expect(result.findings.map((finding) => [finding.kind, finding.recordRef])).toEqual([
      ['unexpected-section', 'PupilManager/Pupils'],
      ['unexpected-section', 'HRManager/CurrentStaff'],
      ['unexpected-section', 'Custom/Thing'],
    ]);
    expect(result.findings[0].fix).toContain('Pupil_GetSiblings');
    expect(result.counts).toEqual({ student: 1 });
  });

  it('replaced forbidden characters are reported once', () => {
    const xml =
      '<iSAMS><PupilManager><CurrentPupils><Pupil Id="1"><SchoolId>1</SchoolId><Forename>A&#0;b\u0001</Forename></Pupil></CurrentPupils></PupilManager></iSAMS>';
    const result = transformDocument('pupils', xml, { today: TODAY });
    expect(result.records).toEqual([{ type: 'student', isamsId: '1', pupilId: '1', forename: 'A\uFFFDb\uFFFD' }]);
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'replaced-characters', message: expect.stringMatching(/^2 character/) }),
    ]);
  });

  it('countFindings counts per severity', () => {
    const result = transformDocument('pupils', fixtures.PUPILS_XML, { today: TODAY });
    expect(countFindings(result.findings)).toEqual({ error: 1, warning: 1, info: 0 });
  });
});

describe('transformDocument: refused documents throw XmlParseError with a one-line reason', () => {
  it.each<[string, string, string]>([
    ['billion laughs', '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><iSAMS>&b;</iSAMS>', 'doctype'],
    ['external entity', '<!DOCTYPE iSAMS [<!ENTITY x SYSTEM "file:///etc/passwd">]><iSAMS>&x;</iSAMS>', 'doctype'],
    ['truncated', fixtures.PUPILS_XML.slice(0, fixtures.PUPILS_XML.length / 2), 'malformed'],
    ['not XML', 'Service Unavailable', 'not-xml'],
    ['an iSAMS error message', '<Message><MessageId>InvalidApiKey</MessageId></Message>', 'unexpected-root'],
  ])('%s', (_what, xml, code) => {
    let caught: unknown;
    try {
      transformDocument('pupils', xml, { today: TODAY });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(XmlParseError);
    expect((caught as XmlParseError).code).toBe(code);
    expect((caught as XmlParseError).message).not.toMatch(/\n/);
  });

  it('honours the size cap passed in options', () => {
    expect(() => transformDocument('pupils', fixtures.PUPILS_XML, { today: TODAY, limits: { maxBytes: 100 } })).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
  });
});
