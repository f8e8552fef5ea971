import type { Finding, YearGroupRecord } from '@isams-sync/contracts';
import { sortedIds } from './id-order';

/** A SchoolsBuddy year group: every iSAMS year with this display name. */
export interface MergedYearGroup {
  name: string;
  /** iSAMS Year `Id`s, sorted. */
  isamsIds: string[];
  ncYears: number[];
}

export interface YearGroupMerge {
  yearGroups: MergedYearGroup[];
  /** NC year → display name, for pupils whose record has no `yearGroup`. */
  nameByNcYear: Map<number, string>;
  findings: Finding[];
}

export const MERGED_YEAR_GROUPS_FINDING = 'merged-year-groups';

/** The display name, falling back to the code and then the id so that no year is lost. */
export function yearDisplayName(year: YearGroupRecord): string {
  return year.name ?? year.code ?? year.isamsId;
}

/**
 * Year groups are keyed by display name: two iSAMS years named alike (two campuses both calling a
 * year "05") become one group, with a warning in case the school meant them to be apart.
 */
export function mergeYearGroups(years: readonly YearGroupRecord[]): YearGroupMerge {
  const byName = new Map<string, YearGroupRecord[]>();
  for (const year of years) {
    const name = yearDisplayName(year);
    const list = byName.get(name);
    if (list) list.push(year);
    else byName.set(name, [year]);
  }
  const yearGroups: MergedYearGroup[] = [];
  const nameByNcYear = new Map<number, string>();
  const findings: Finding[] = [];
  for (const [name, records] of byName) {
    const isamsIds = sortedIds(records.map((record) => record.isamsId));
    const ncYears = [
      ...new Set(records.flatMap((record) => (record.ncYear === undefined ? [] : [record.ncYear]))),
    ].sort((a, b) => a - b);
    for (const ncYear of ncYears) if (!nameByNcYear.has(ncYear)) nameByNcYear.set(ncYear, name);
    yearGroups.push({ name, isamsIds, ncYears });
    if (isamsIds.length > 1) findings.push(mergedFinding(name, isamsIds));
  }
  yearGroups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { yearGroups, nameByNcYear, findings };
}

function mergedFinding(name: string, isamsIds: readonly string[]): Finding {
  return {
    kind: MERGED_YEAR_GROUPS_FINDING,
    severity: 'warning',
    dataset: 'structure',
    recordRef: `years ${isamsIds.join(', ')}`,
    message: `iSAMS years ${isamsIds.join(' and ')} share the display name "${name}", so SchoolsBuddy shows them as one year group`,
    fix: `If they are different year groups (e.g. two campuses), give each a distinct name in iSAMS School Manager > Years (e.g. "${name} Campus 1"); if they are one year group, nothing needs to change.`,
  };
}
