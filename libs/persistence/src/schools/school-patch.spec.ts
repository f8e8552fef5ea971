import { SchoolValidationError } from './school.errors';
import { mergeSchoolPatch } from './school-patch';

const current = {
  id: 's1',
  name: 'Old',
  batchKeys: { pupils: 'k1', medical: 'k7' },
  contactFilter: { types: ['Mother'], yearGroups: ['7'] },
  rest: { clientId: 'c' },
};

describe('mergeSchoolPatch', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['replaces a value', { name: 'New' }, { ...current, name: 'New' }],
    [
      'merges a nested object field by field',
      { batchKeys: { staff: 'k3' } },
      { ...current, batchKeys: { pupils: 'k1', medical: 'k7', staff: 'k3' } },
    ],
    [
      'replaces arrays whole',
      { contactFilter: { types: ['Father', 'Guardian'] } },
      { ...current, contactFilter: { types: ['Father', 'Guardian'], yearGroups: ['7'] } },
    ],
    [
      'removes a nested optional field on null',
      { batchKeys: { medical: null } },
      { ...current, batchKeys: { pupils: 'k1' } },
    ],
    [
      'removes a whole block on null',
      { rest: null },
      { id: 's1', name: 'Old', batchKeys: current.batchKeys, contactFilter: current.contactFilter },
    ],
    ['ignores undefined', { name: undefined }, current],
    ['adds a new block', { thresholds: { removalPercent: 5 } }, { ...current, thresholds: { removalPercent: 5 } }],
  ])('%s', (_label, patch, expected) => {
    expect(mergeSchoolPatch('s1', current, patch)).toEqual(expected);
  });

  it('never changes the input', () => {
    const before = JSON.stringify(current);
    mergeSchoolPatch('s1', current, { batchKeys: { medical: null }, name: 'x' });
    expect(JSON.stringify(current)).toBe(before);
  });

  it.each([
    ['a top-level __proto__', '{"__proto__": {"polluted": true}}', '__proto__'],
    ['a nested __proto__', '{"batchKeys": {"__proto__": {"polluted": true}}}', 'batchKeys.__proto__'],
    [
      'constructor inside a new block',
      '{"thresholds": {"constructor": {"prototype": {"polluted": true}}}}',
      'thresholds.constructor',
    ],
  ])('refuses %s and pollutes nothing', (_label, json, field) => {
    expect(() => mergeSchoolPatch('s1', current, JSON.parse(json))).toThrow(`${field}: is not an allowed field name`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['an array', []],
    ['text', 'name=x'],
    ['null', null],
  ])('refuses %s as a patch', (_label, patch) => {
    expect(() => mergeSchoolPatch('s1', current, patch)).toThrow(SchoolValidationError);
  });
});
