import { normalisedRecordSchema } from '@isams-sync/contracts';
import { parseIsamsDocument } from '@isams-sync/isams';
import { TEACHING_XML } from '../fixtures/isams-documents.fixture';
import { mapTeaching } from './teaching.mapper';

const teaching = (inner: string) => `<iSAMS><TeachingManager>${inner}</TeachingManager></iSAMS>`;
const map = (xml: string) => mapTeaching(parseIsamsDocument(xml).root);

describe('mapTeaching: the fixture document', () => {
  const result = map(TEACHING_XML);

  it('maps subjects and sets with teachers and set-list pupils (by Id attribute, not the Legacy SchoolId)', () => {
    expect(result.records).toEqual([
      { type: 'subject', isamsId: '12', name: 'Maths', code: 'Ma', department: 'Mathematics' },
      {
        type: 'set',
        isamsId: '900',
        subjectId: '12',
        ncYear: 7,
        setCode: '7Ma1',
        name: 'Year 7 Maths Set 1',
        teacherIds: ['45', '46'],
        primaryTeacherId: '45',
        pupilIds: ['1001', '1003'],
      },
      { type: 'set', isamsId: '901', subjectId: '12', ncYear: 8, setCode: '8Ma1', teacherIds: ['45'], pupilIds: [] },
    ]);
    for (const record of result.records) expect(normalisedRecordSchema.parse(record)).toEqual(record);
  });

  it('reports set-list entries naming an unknown set once per set', () => {
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'unknown-reference',
        severity: 'warning',
        recordRef: 'TeachingManager/SetLists/SetList SetId=999',
      }),
    ]);
  });
});

describe('mapTeaching: quirks', () => {
  const SET = '<Sets><Set Id="1" SubjectId="2" YearId="9"><Teachers><Teacher StaffId="4"/></Teachers></Set></Sets>';

  it.each([
    [
      'lower-case attributes',
      '<Sets><Set id="1" subjectId="2" yearId="9"><Teachers><Teacher staffId="4" primaryTeacher="1"/></Teachers></Set></Sets>',
      { teacherIds: ['4'], primaryTeacherId: '4', subjectId: '2', ncYear: 9 },
    ],
    ['a one-teacher collection', SET, { teacherIds: ['4'] }],
    [
      'a Legacy teacher beside Teachers/Teacher is ignored',
      '<Sets><Set Id="1"><Teachers><Teacher StaffId="4"/></Teachers><Teacher Legacy="True">JBL</Teacher></Set></Sets>',
      { teacherIds: ['4'] },
    ],
    [
      'a Legacy entry inside Teachers is skipped silently',
      '<Sets><Set Id="1"><Teachers><Teacher Legacy="True">JBL</Teacher><Teacher StaffId="4"/></Teachers></Set></Sets>',
      { teacherIds: ['4'] },
    ],
    [
      'repeated teachers are listed once',
      '<Sets><Set Id="1"><Teachers><Teacher StaffId="4"/><Teacher StaffId="4"/><Teacher StaffId="10"/></Teachers></Set></Sets>',
      { teacherIds: ['10', '4'] },
    ],
    ['a set without teachers', '<Sets><Set Id="1"><Teachers/></Set></Sets>', { teacherIds: [] }],
  ])('%s', (_what, sets, expected) => {
    const { records, findings } = map(teaching(sets));
    expect(records).toEqual([expect.objectContaining({ type: 'set', isamsId: '1', pupilIds: [], ...expected })]);
    expect(findings).toEqual([]);
  });

  it('set lists: PupilId attribute (any case) wins over the Legacy SchoolId child; duplicates once', () => {
    const { records } = map(
      teaching(
        `${SET}<SetLists><SetList SetId="1" PupilId="0077"><SchoolId Legacy="True">000999</SchoolId></SetList><SetList setId="1" pupilId="0078"/><SetList SetId="1" PupilId="0077"/></SetLists>`,
      ),
    );
    expect(records[0]).toMatchObject({ pupilIds: ['0077', '0078'] });
  });

  it.each([
    ['no PupilId (only the Legacy SchoolId)', '<SetList SetId="1"><SchoolId Legacy="True">000999</SchoolId></SetList>'],
    ['no SetId', '<SetList PupilId="5"/>'],
  ])('a set-list entry with %s is ignored with a warning', (_what, entry) => {
    const { records, findings } = map(teaching(`${SET}<SetLists>${entry}</SetLists>`));
    expect(records[0]).toMatchObject({ pupilIds: [] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing-id', severity: 'warning' })]);
  });

  it('a non-Legacy teacher without StaffId is a warning', () => {
    const { records, findings } = map(
      teaching('<Sets><Set Id="1"><Teachers><Teacher PrimaryTeacher="1"/></Teachers></Set></Sets>'),
    );
    expect(records[0]).toMatchObject({ teacherIds: [] });
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing-id', severity: 'warning' })]);
  });

  it.each([
    ['set', '<Sets><Set SubjectId="2"/></Sets>'],
    [
      'subject',
      '<Departments><Department><Name>Maths</Name><Subjects><Subject><Name>Maths</Name></Subject></Subjects></Department></Departments>',
    ],
  ])('a %s without an Id is an error finding', (_what, inner) => {
    const { records, findings } = map(teaching(inner));
    expect(records).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'missing-id', severity: 'error' })]);
  });

  it('a duplicated set Id keeps the first, with a warning, and its set list still lands', () => {
    const { records, findings } = map(
      teaching(
        '<Sets><Set Id="1"><SetCode>A</SetCode></Set><Set Id="1"><SetCode>B</SetCode></Set></Sets><SetLists><SetList SetId="1" PupilId="5"/></SetLists>',
      ),
    );
    expect(records).toEqual([{ type: 'set', isamsId: '1', setCode: 'A', teacherIds: [], pupilIds: ['5'] }]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'duplicate-record', severity: 'warning' })]);
  });
});
