import { termsOf } from '../calendar/school-calendar';
import type { DataQualityRates } from '../model/data-quality-rates';
import type { DivisionRecord, FormRecord, HouseRecord, TermRecord, YearRecord } from '../model/school-data';

export const NURSERY = -1;
export const RECEPTION = 0;
/** Years on the second (junior) campus have ids 101–106 for their years 1–6. */
export const CAMPUS_TWO_OFFSET = 100;

const DIVISION_ROWS: readonly DivisionRecord[] = [
  { id: 1, name: 'Pre-Prep', code: 'PP' },
  { id: 2, name: 'Prep', code: 'PR' },
  { id: 3, name: 'Senior School', code: 'SS' },
  { id: 4, name: 'Sixth Form', code: '6F' },
  { id: 5, name: 'Junior Campus', code: 'JC' },
];

export function buildDivisions(hasSecondCampus: boolean): DivisionRecord[] {
  return DIVISION_ROWS.filter((division) => hasSecondCampus || division.id !== 5);
}

/** The curriculum year (Nursery -1 … 13) a year id stands for. */
export function curriculumYear(yearId: number): number {
  return yearId > CAMPUS_TWO_OFFSET ? yearId - CAMPUS_TWO_OFFSET : yearId;
}

function divisionOf(yearId: number): number {
  if (yearId > CAMPUS_TWO_OFFSET) return 5;
  if (yearId <= 2) return 1;
  if (yearId <= 6) return 2;
  if (yearId <= 11) return 3;
  return 4;
}

function yearName(yearId: number, naming: DataQualityRates['campusYearNames']): string {
  if (yearId === NURSERY) return 'Nursery';
  if (yearId === RECEPTION) return 'Reception';
  const year = curriculumYear(yearId);
  if (naming === 'none') return `Year ${year}`;
  const padded = String(year).padStart(2, '0');
  if (naming === 'duplicate' || year > 6) return padded;
  return `${padded} Campus ${yearId > CAMPUS_TWO_OFFSET ? 2 : 1}`;
}

export function buildYears(naming: DataQualityRates['campusYearNames']): YearRecord[] {
  const ids = [NURSERY, RECEPTION, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  if (naming !== 'none') ids.push(101, 102, 103, 104, 105, 106);
  return ids.map((id) => ({
    id,
    name: yearName(id, naming),
    // codes keep their leading zeros: "05", "N0", "R0"
    code: id === NURSERY ? 'N0' : id === RECEPTION ? 'R0' : String(curriculumYear(id)).padStart(2, '0'),
    campus: id > CAMPUS_TWO_OFFSET ? 2 : 1,
    divisionId: divisionOf(id),
  }));
}

/** Relative pupil numbers per year: small nursery, big senior years, second campus a third of the size. */
export function yearWeight(yearId: number): number {
  if (yearId > CAMPUS_TWO_OFFSET) return 0.35;
  if (yearId === NURSERY) return 0.45;
  if (yearId === RECEPTION) return 0.65;
  if (yearId <= 6) return 0.8;
  if (yearId <= 11) return 1.25;
  return 1.0;
}

/** Splits `total` pupils across years by weight (largest remainder, so the sum is exact). */
export function pupilsPerYear(years: readonly YearRecord[], total: number): Map<number, number> {
  const weights = years.map((year) => yearWeight(year.id));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (weight / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left-- <= 0) break;
    counts[index]++;
  }
  return new Map(years.map((year, index) => [year.id, counts[index]]));
}

export const PUPILS_PER_FORM = 20;

/** Forms of about 20; any year with two or more pupils is split into at least two, so form moves can happen in small test schools. */
export function formsNeeded(pupils: number): number {
  return pupils >= 2 ? Math.max(2, Math.ceil(pupils / PUPILS_PER_FORM)) : 1;
}

/** "N1", "R2", "7B", "L6-1", "U6-2", "4JC-A" (second campus). */
export function formNameFor(yearId: number, index: number): string {
  const letter = 'ABCDEFGHJKLMNPQRSTUVWXYZ'[index % 24] + (index >= 24 ? String(Math.floor(index / 24)) : '');
  if (yearId === NURSERY) return `N${index + 1}`;
  if (yearId === RECEPTION) return `R${index + 1}`;
  if (yearId > CAMPUS_TWO_OFFSET) return `${curriculumYear(yearId)}JC-${letter}`;
  if (yearId === 12) return `L6-${index + 1}`;
  if (yearId === 13) return `U6-${index + 1}`;
  return `${yearId}${letter}`;
}

export function buildForms(
  countsByYear: ReadonlyMap<number, number>,
  tutorFor: (yearId: number, index: number) => number,
): FormRecord[] {
  const forms: FormRecord[] = [];
  for (const [yearId, count] of countsByYear) {
    for (let index = 0; index < formsNeeded(count); index++) {
      forms.push({ name: formNameFor(yearId, index), yearId, tutorStaffId: tutorFor(yearId, index) });
    }
  }
  return forms;
}

export function buildHouses(
  rows: readonly (readonly [string, string])[],
  firstId: number,
  masterFor: (index: number) => number,
): HouseRecord[] {
  return rows.map(([name, code], index) => ({ id: firstId + index, name, code, houseMasterStaffId: masterFor(index) }));
}

export function buildTerms(academicYear: number): TermRecord[] {
  return termsOf(academicYear).map((term, index) => ({
    id: academicYear * 10 + index + 1,
    name: term.name,
    schoolYear: academicYear,
    startDate: term.startDate,
    finishDate: term.finishDate,
  }));
}
