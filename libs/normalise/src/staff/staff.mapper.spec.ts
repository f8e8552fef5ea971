import { staffRecordSchema } from '@isams-sync/contracts';
import { parseIsamsDocument } from '@isams-sync/isams';
import { STAFF_XML } from '../fixtures/isams-documents.fixture';
import { mapStaff } from './staff.mapper';

const staff = (inner: string) => `<iSAMS><HRManager><CurrentStaff>${inner}</CurrentStaff></HRManager></iSAMS>`;
const map = (xml: string, today = '2026-11-28') => mapStaff(parseIsamsDocument(xml).root, { today });

describe('mapStaff: the fixture document', () => {
  const result = map(STAFF_XML);

  it('maps staff with teaching flag, divisions and status', () => {
    expect(result.records).toEqual([
      {
        type: 'staff',
        isamsId: '45',
        personGuid: '5D1E0000-2222-4B3C-8D4E-000000000045',
        userCode: 'JBL',
        title: 'Dr',
        forename: 'Jean-Baptiste',
        preferredName: 'JB',
        surname: 'Lefèvre',
        email: 'jbl@school.example',
        teaching: true,
        divisions: ['Prep School', 'Senior School'],
        status: 'current',
      },
      {
        type: 'staff',
        isamsId: '46',
        userCode: 'KOK',
        forename: 'Kwame',
        surname: 'Okafor',
        teaching: false,
        divisions: ['Senior School'],
        status: 'left',
        leavingDate: '2026-07-31',
      },
      {
        type: 'staff',
        isamsId: '47',
        forename: 'Future',
        teaching: false,
        divisions: [],
        status: 'current',
        leavingDate: '2027-07-31',
      },
    ]);
    expect(result.findings).toEqual([]);
    for (const record of result.records) expect(staffRecordSchema.parse(record)).toEqual(record);
  });
});

describe("mapStaff: status from LeavingDate against the school's today", () => {
  it.each([
    ['no leaving date', '', '2026-11-28', 'current'],
    ['a past leaving date', '2026-11-27T00:00:00', '2026-11-28', 'left'],
    ['leaving today', '2026-11-28T00:00:00', '2026-11-28', 'current'],
    ['a future leaving date', '2026-11-29T00:00:00', '2026-11-28', 'current'],
    ['a .NET "no date" placeholder', '0001-01-01T00:00:00', '2026-11-28', 'current'],
  ])('%s → %s', (_what, leavingDate, today, status) => {
    const { records } = map(
      staff(`<StaffMember Id="1"><LeavingDate>${leavingDate}</LeavingDate></StaffMember>`),
      today,
    );
    expect(records[0].status).toBe(status);
  });

  it('an unreadable leaving date counts as still employed, with a warning', () => {
    const { records, findings } = map(
      staff('<StaffMember Id="1"><LeavingDate>end of term</LeavingDate></StaffMember>'),
    );
    expect(records[0]).toEqual({ type: 'staff', isamsId: '1', teaching: false, divisions: [], status: 'current' });
    expect(findings).toEqual([expect.objectContaining({ kind: 'invalid-value' })]);
  });

  it('refuses a today that is not a date (a caller bug, not a data problem)', () => {
    expect(() => map(staff('<StaffMember Id="1"/>'), '28/11/2026')).toThrow(RangeError);
  });
});

describe('mapStaff: quirks', () => {
  it.each([
    ['1', true],
    ['0', false],
    ['True', true],
    ['False', false],
    ['', false],
  ])('TeachingStaff %j → %s', (raw, teaching) => {
    expect(
      map(staff(`<StaffMember Id="1"><TeachingStaff>${raw}</TeachingStaff></StaffMember>`)).records[0].teaching,
    ).toBe(teaching);
  });

  it('lower-case id, one-item divisions, Legacy and unnamed divisions skipped, roles ignored', () => {
    const { records } = map(
      staff(
        '<StaffMember id="9"><Divisions><Division Id="1"><Name> Prep </Name></Division><Division Legacy="True"><Name>Old</Name></Division><Division Id="3"/></Divisions><Roles><Role><Name>Head</Name></Role></Roles></StaffMember>',
      ),
    );
    expect(records).toEqual([{ type: 'staff', isamsId: '9', teaching: false, divisions: ['Prep'], status: 'current' }]);
  });

  it('a staff member without an Id is an error finding', () => {
    const { records, findings } = map(staff('<StaffMember PersonId="1"><UserCode>ABC</UserCode></StaffMember>'));
    expect(records).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'missing-id',
        severity: 'error',
        recordRef: 'HRManager/CurrentStaff/StaffMember[1]',
      }),
    ]);
  });
});
