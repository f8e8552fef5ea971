import { datasetsToFetch } from './datasets-to-fetch';

const all = { pupils: 'k', contacts: 'k', staff: 'k', structure: 'k', teaching: 'k', photos: 'k', medical: 'k' };

describe('datasetsToFetch', () => {
  it.each([
    [
      'every keyed dataset in dependency order, medical only when opted in',
      { batchKeys: all, medicalOptIn: false },
      [],
      ['structure', 'staff', 'pupils', 'contacts', 'teaching', 'photos'],
    ],
    [
      'medical when opted in',
      { batchKeys: all, medicalOptIn: true },
      [],
      ['structure', 'staff', 'pupils', 'contacts', 'teaching', 'photos', 'medical'],
    ],
    [
      'opted in without a key: nothing to fetch for medical',
      { batchKeys: { pupils: 'k' }, medicalOptIn: true },
      [],
      ['pupils'],
    ],
    ['narrowed to a request, still in order', { batchKeys: all }, ['pupils', 'structure'], ['structure', 'pupils']],
    ['a request for medical does not override the opt-in', { batchKeys: all, medicalOptIn: false }, ['medical'], []],
  ])('%s', (_label, school, requested, expected) => {
    expect(datasetsToFetch(school, requested)).toEqual(expected);
  });
});
