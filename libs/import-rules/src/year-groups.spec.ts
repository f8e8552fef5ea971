import { mergeYearGroups, yearDisplayName } from './year-groups';
import { year } from './testing/record.builders';

describe('mergeYearGroups', () => {
  it('keeps distinct display names apart, sorted by name', () => {
    const { yearGroups, findings, nameByNcYear } = mergeYearGroups([year('6', 'Year 6'), year('5', 'Year 5')]);
    expect(yearGroups).toEqual([
      { name: 'Year 5', isamsIds: ['5'], ncYears: [5] },
      { name: 'Year 6', isamsIds: ['6'], ncYears: [6] },
    ]);
    expect(findings).toEqual([]);
    expect(nameByNcYear.get(6)).toBe('Year 6');
  });

  it('merges two campuses naming a year alike, with a warning naming both iSAMS year ids', () => {
    const { yearGroups, findings, nameByNcYear } = mergeYearGroups([
      year('105', '05'),
      year('5', '05'),
      year('6', '06'),
    ]);
    expect(yearGroups).toEqual([
      { name: '05', isamsIds: ['5', '105'], ncYears: [5, 105] },
      { name: '06', isamsIds: ['6'], ncYears: [6] },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'merged-year-groups',
      severity: 'warning',
      dataset: 'structure',
      recordRef: 'years 5, 105',
    });
    expect(findings[0].message).toContain('5 and 105');
    expect(findings[0].fix).toContain('School Manager > Years');
    expect([nameByNcYear.get(5), nameByNcYear.get(105)]).toEqual(['05', '05']);
  });

  it('keeps suffixed campus names apart', () => {
    const { yearGroups, findings } = mergeYearGroups([year('5', '05 Campus 1'), year('105', '05 Campus 2')]);
    expect(yearGroups.map((group) => group.name)).toEqual(['05 Campus 1', '05 Campus 2']);
    expect(findings).toEqual([]);
  });

  it.each([
    [{ type: 'yearGroup', isamsId: '7', name: 'Year 7', code: 'Y7' }, 'Year 7'],
    [{ type: 'yearGroup', isamsId: '7', code: 'Y7' }, 'Y7'],
    [{ type: 'yearGroup', isamsId: '7' }, '7'],
  ] as const)('display name of %j is %s', (record, name) => expect(yearDisplayName(record)).toBe(name));
});
