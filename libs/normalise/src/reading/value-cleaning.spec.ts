import {
  INVALID,
  cleanDate,
  cleanFlag,
  cleanLocalDateTime,
  cleanNcYear,
  cleanParentalResponsibility,
  cleanText,
} from './value-cleaning';

describe('cleanText', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    [' ', undefined],
    ['\u00a0\t\n', undefined],
    ['  Zoë  ', 'Zoë'],
    ["O'Brien", "O'Brien"],
    ['Nguyễn Thị', 'Nguyễn Thị'],
    ['Smith-Jones', 'Smith-Jones'],
    ['007', '007'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
  });
});

describe('cleanDate', () => {
  it.each<[string | undefined, string | undefined | typeof INVALID]>([
    [undefined, undefined],
    ['', undefined],
    ['  ', undefined],
    ['1948-05-15T00:00:00', '1948-05-15'],
    ['1948-05-15', '1948-05-15'],
    ['2012-05-15T23:59:59.997', '2012-05-15'],
    ['2012-05-15T00:00:00+01:00', '2012-05-15'],
    ['2012-05-15T23:30:00Z', '2012-05-15'],
    ['2012-05-15 00:00:00', '2012-05-15'],
    ['15/05/1948', '1948-05-15'],
    ['5/1/2012 00:00:00', '2012-01-05'],
    ['2024-02-29T00:00:00', '2024-02-29'],
    ['0001-01-01T00:00:00', undefined],
    ['1900-01-01T00:00:00', undefined],
    ['1753-01-01', undefined],
    ['2011-02-30T00:00:00', INVALID],
    ['2023-02-29', INVALID],
    ['2012-13-01', INVALID],
    ['1850-01-01', INVALID],
    ['yesterday', INVALID],
    ['20120515', INVALID],
  ])('%j → %j', (raw, expected) => {
    expect(cleanDate(raw)).toBe(expected);
  });
});

describe('cleanLocalDateTime', () => {
  it.each<[string | undefined, string | undefined | typeof INVALID]>([
    [undefined, undefined],
    ['2025-09-01T08:30:00', '2025-09-01T08:30:00'],
    ['2025-09-01T08:30:00.123', '2025-09-01T08:30:00'],
    ['2025-09-01T08:30', '2025-09-01T08:30:00'],
    ['2025-09-01', '2025-09-01T00:00:00'],
    ['2025-02-30T08:30:00', INVALID],
    ['soon', INVALID],
  ])('%j → %j', (raw, expected) => {
    expect(cleanLocalDateTime(raw)).toBe(expected);
  });
});

describe('cleanFlag', () => {
  it.each<[string | undefined, boolean | undefined | typeof INVALID]>([
    [undefined, undefined],
    ['', undefined],
    ['1', true],
    ['0', false],
    ['True', true],
    ['FALSE', false],
    [' true ', true],
    ['Yes', true],
    ['no', false],
    ['-1', true],
    ['2', INVALID],
    ['Maybe', INVALID],
  ])('%j → %j', (raw, expected) => {
    expect(cleanFlag(raw)).toBe(expected);
  });
});

describe('cleanNcYear', () => {
  it.each<[string | undefined, number | undefined | typeof INVALID]>([
    [undefined, undefined],
    [' ', undefined],
    ['7', 7],
    ['07', 7],
    ['0', 0],
    ['-1', -1],
    ['13', 13],
    ['+3', 3],
    ['7.5', INVALID],
    ['Y7', INVALID],
    ['101', 101],
    ['12345', INVALID],
    ['', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(cleanNcYear(raw)).toBe(expected);
  });
});

describe('cleanParentalResponsibility', () => {
  it.each<[string | undefined, string | undefined | typeof INVALID]>([
    [undefined, undefined],
    ['', undefined],
    ['Yes', 'yes'],
    ['No', 'no'],
    ['Default', 'default'],
    ['DEFAULT', 'default'],
    ['1', 'yes'],
    ['False', 'no'],
    ['Sometimes', INVALID],
  ])('%j → %j', (raw, expected) => {
    expect(cleanParentalResponsibility(raw)).toBe(expected);
  });
});
