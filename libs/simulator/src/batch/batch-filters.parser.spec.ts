import { MalformedFiltersError, parseBatchFilters } from './batch-filters.parser';

const wrap = (inner: string) => `<?xml version="1.0" encoding="utf-8" ?><Filters>${inner}</Filters>`;

describe('parseBatchFilters', () => {
  it.each([
    ['', {}],
    ['   ', {}],
    [wrap(''), {}],
    [
      wrap('<MethodsToRun><Method>ContactAdvanced_GetContacts</Method></MethodsToRun>'),
      { methodsToRun: ['ContactAdvanced_GetContacts'] },
    ],
    [wrap('<MethodsToRun><Method> a </Method><Method>b</Method></MethodsToRun>'), { methodsToRun: ['a', 'b'] }],
    [
      wrap('<StudentManager><Contacts ContactTypes="Mother, Father" SystemStatusesToInclude="1,-1"/></StudentManager>'),
      { contacts: { contactTypes: ['Mother', 'Father'], systemStatuses: [1, -1] } },
    ],
    [
      wrap('<StudentManager><Contacts systemStatusesToInclude="0"/></StudentManager>'),
      { contacts: { contactTypes: undefined, systemStatuses: [0] } },
    ],
    [
      wrap(
        '<Registration><RegistrationStatus StartDate="2026-11-23" EndDate="2026-11-24"/><OutOfSchoolPupils StartDate="2026-11-01"/></Registration>',
      ),
      {
        registrationStatus: { startDate: '2026-11-23', endDate: '2026-11-24' },
        outOfSchoolPupils: { startDate: '2026-11-01', endDate: '9999-12-31' },
      },
    ],
  ])('reads %j', (body, expected) => {
    const filters = parseBatchFilters(body);
    expect(JSON.parse(JSON.stringify(filters))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it.each([
    ['<Filters><MethodsToRun></Filters>', 'root level'],
    ['not xml at all', 'root level'],
    ['<Other/>', 'no <Filters>'],
    [wrap('<Registration><RegistrationStatus StartDate="yesterday"/></Registration>'), 'Conversion failed'],
    [wrap('<StudentManager><Contacts SystemStatusesToInclude="current"/></StudentManager>'), 'Conversion failed'],
    [wrap(`<x>${'a'.repeat(70_000)}</x>`), 'too large'],
  ])('refuses %s', (body, reason) => {
    expect(() => parseBatchFilters(body)).toThrow(MalformedFiltersError);
    expect(() => parseBatchFilters(body)).toThrow(reason);
  });

  it('does not expand entities declared in a DOCTYPE', () => {
    const body = `<?xml version="1.0"?><!DOCTYPE Filters [<!ENTITY boom "Pupil_GetCurrentPupils">]><Filters><MethodsToRun><Method>&boom;</Method></MethodsToRun></Filters>`;
    expect(parseBatchFilters(body).methodsToRun).toEqual(['&boom;']);
  });
});
