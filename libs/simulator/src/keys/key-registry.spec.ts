import { DATASET_METHODS } from '@isams-sync/isams';
import { generateSchoolData } from '../generate/school.generator';
import { KeyRegistry, REGISTRATION_METHODS } from './key-registry';

describe('KeyRegistry', () => {
  const first = generateSchoolData({ seed: 3, pupils: 20 }).data;
  const second = { ...first, today: '2026-11-24' };

  it('gives each dataset a well-configured key, medical only when opted in', () => {
    const keys = new KeyRegistry(3, false);
    expect(keys.names()).toEqual(['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos', 'registration']);
    expect(keys.config('structure')?.methods).toEqual(DATASET_METHODS.structure);
    expect(keys.config('registration')?.methods).toEqual(REGISTRATION_METHODS);
    expect(new KeyRegistry(3, true).config('medical')?.methods).toEqual(DATASET_METHODS.medical);
    expect(new KeyRegistry(3, true).config('pupils')?.apiKey).toBe(keys.config('pupils')?.apiKey);
  });

  it('finds a key by its GUID in any case', () => {
    const keys = new KeyRegistry(3, false);
    const apiKey = keys.config('staff')?.apiKey as string;
    expect(keys.byApiKey(apiKey.toLowerCase())?.name).toBe('staff');
    expect(keys.byApiKey('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('answers from the cache until it expires, even though the school changed', () => {
    const keys = new KeyRegistry(3, false);
    keys.configure('pupils', { cacheSeconds: 60 });
    expect(keys.dataFor('pupils', first, 0)).toBe(first);
    expect(keys.dataFor('pupils', second, 59_999)).toBe(first);
    expect(keys.dataFor('pupils', second, 60_000)).toBe(second);
  });

  it('does not cache with cacheSeconds 0, and forgets the cache when the key is edited', () => {
    const keys = new KeyRegistry(3, false);
    keys.configure('pupils', { cacheSeconds: 0 });
    keys.dataFor('pupils', first, 0);
    expect(keys.dataFor('pupils', second, 1)).toBe(second);
    keys.configure('pupils', { cacheSeconds: 600 });
    keys.dataFor('pupils', first, 0);
    keys.configure('pupils', { active: true });
    expect(keys.dataFor('pupils', second, 1)).toBe(second);
  });

  it('ticks extra methods by mistake, replaces methods, and refuses unknown ones', () => {
    const keys = new KeyRegistry(3, false);
    expect(keys.configure('pupils', { extraMethods: ['pupil_getsiblings'] }).methods).toEqual([
      'Pupil_GetCurrentPupils',
      'Pupil_GetSiblings',
    ]);
    expect(keys.configure('pupils', { methods: ['School_GetAllYears'] }).methods).toEqual(['School_GetAllYears']);
    expect(() => keys.configure('pupils', { methods: ['Pupil_GetEverything'] })).toThrow('unknown iSAMS method');
    expect(() => keys.configure('medical', { active: false })).toThrow('no medical key');
  });

  it('throttles per key', () => {
    const keys = new KeyRegistry(3, false);
    keys.configure('contacts', { throttle: { limit: 1, windowSeconds: 10 } });
    expect(keys.admit('contacts', 0).allowed).toBe(true);
    expect(keys.admit('contacts', 1).allowed).toBe(false);
    expect(keys.admit('pupils', 1).allowed).toBe(true);
    keys.configure('contacts', { throttle: null });
    expect(keys.admit('contacts', 2).allowed).toBe(true);
  });
});
