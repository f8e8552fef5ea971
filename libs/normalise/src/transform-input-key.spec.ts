import type { YearGroupRecord } from '@isams-sync/contracts';
import { transformInputKey, type TransformInputs } from './transform-input-key';

const sha = (c: string) => c.repeat(64);
const year = (ncYear: number, name: string): YearGroupRecord =>
  ({ type: 'yearGroup', ncYear, name }) as unknown as YearGroupRecord;
const base: TransformInputs = { dataset: 'contacts', snapshotSha256: sha('a'), today: '2026-11-28' };

describe('transformInputKey', () => {
  it('is a sha256 hex string, the same for the same inputs', () => {
    expect(transformInputKey(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(transformInputKey({ ...base })).toBe(transformInputKey(base));
  });

  it.each<[string, Partial<TransformInputs>]>([
    ['another document', { snapshotSha256: sha('b') }],
    ['another dataset with the same document', { dataset: 'structure' }],
  ])('changes with %s', (_label, change) => {
    expect(transformInputKey({ ...base, ...change })).not.toBe(transformInputKey(base));
  });

  it.each<[TransformInputs['dataset'], boolean]>([
    ['staff', true],
    ['contacts', false],
    ['pupils', false],
    ['structure', false],
    ['teaching', false],
    ['photos', false],
    ['medical', false],
  ])('%s: depends on the date = %s (only staff leaving dates read it)', (dataset, dependsOnDate) => {
    const a = transformInputKey({ ...base, dataset, today: '2026-11-28' });
    const b = transformInputKey({ ...base, dataset, today: '2026-11-29' });
    expect(a !== b).toBe(dependsOnDate);
  });

  describe('pupils depend on the year groups they are mapped with', () => {
    const pupils: TransformInputs = {
      ...base,
      dataset: 'pupils',
      structure: { yearGroups: [year(7, 'Year 7'), year(8, 'Year 8')] },
    };

    it('not on their order', () => {
      expect(transformInputKey({ ...pupils, structure: { yearGroups: [year(8, 'Year 8'), year(7, 'Year 7')] } })).toBe(
        transformInputKey(pupils),
      );
    });

    it.each<[string, YearGroupRecord[] | undefined]>([
      ['a renamed year', [year(7, 'First Form'), year(8, 'Year 8')]],
      ['a year fewer', [year(7, 'Year 7')]],
      ['no structure at all', undefined],
    ])('on %s', (_label, yearGroups) => {
      expect(transformInputKey({ ...pupils, structure: yearGroups ? { yearGroups } : undefined })).not.toBe(
        transformInputKey(pupils),
      );
    });

    it('while other datasets ignore year groups', () => {
      expect(transformInputKey({ ...base, structure: pupils.structure })).toBe(transformInputKey(base));
    });
  });
});
