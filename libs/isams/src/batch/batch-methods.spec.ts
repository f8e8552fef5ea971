import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BATCH_ENDPOINTS,
  BATCH_METHOD_SPECS,
  BATCH_METHODS,
  EVIDENCE,
  knownMethodName,
  SECTIONS,
  type BatchMethodName,
} from './batch-methods';
import { DATASET_METHODS, DATASETS, datasetRequest, dateRangeFilters } from './datasets';

const METHODS = Object.keys(BATCH_METHOD_SPECS) as BatchMethodName[];
const DOC = readFileSync(join(__dirname, '../../../../docs/isams.md'), 'utf8');

describe('the Batch method table', () => {
  it.each(METHODS)('%s is a method recorded from a real iSAMS', (method) => {
    expect(BATCH_METHOD_SPECS[method].nameEvidence).toBe(EVIDENCE.recordedMethods);
  });

  it.each(METHODS)('%s has its row in docs/isams.md with its endpoint, filter and section', (method) => {
    const spec = BATCH_METHOD_SPECS[method] as (typeof BATCH_METHOD_SPECS)[BatchMethodName] & {
      filter?: { required: boolean; module: string; element: string };
    };
    const row = DOC.split('\n').find((line) => line.startsWith(`| \`${method}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(BATCH_ENDPOINTS[spec.endpoint].split('/').pop());
    expect(row).toContain(`\`${spec.section.join('/')}`);
    if (spec.filter) expect(row).toContain(`${spec.filter.module}/${spec.filter.element}`);
    if (spec.filter?.required) expect(row).toContain('(required)');
    expect(row?.includes('UNCONFIRMED')).toBe(spec.shapeEvidence === EVIDENCE.unconfirmed);
  });

  it('every short name and every dataset method is in the table', () => {
    for (const method of [...Object.values(BATCH_METHODS), ...Object.values(DATASET_METHODS).flat()])
      expect(METHODS).toContain(method);
    expect(Object.keys(SECTIONS).sort()).toEqual([...METHODS].sort());
  });

  it.each([
    ['contactadvanced_getcontacts', 'ContactAdvanced_GetContacts'],
    [' PUPIL_GETCURRENTPUPILSPHOTOS ', 'Pupil_GetCurrentPupilsPhotos'],
    ['Pupil_GetContacts', undefined],
  ])('knownMethodName(%p) → %p', (name, expected) => {
    expect(knownMethodName(name)).toBe(expected);
  });
});

describe('datasetRequest: how each dataset is asked for', () => {
  it.each([
    ['pupils', 'xml', []],
    [
      'contacts',
      'xml',
      [{ module: 'StudentManager', element: 'Contacts', attributes: { SystemStatusesToInclude: '1' } }],
    ],
    ['staff', 'xml', []],
    ['structure', 'xml', []],
    ['teaching', 'xml', []],
    ['photos', 'photos', []],
    ['medical', 'xml', []],
  ] as const)('%s: %s endpoint, filters %j', (dataset, endpoint, filters) => {
    expect(datasetRequest(dataset)).toEqual({ endpoint, path: BATCH_ENDPOINTS[endpoint], filters });
  });

  it('covers every dataset, and every method a dataset needs a filter for has one', () => {
    for (const dataset of DATASETS) {
      const request = datasetRequest(dataset);
      const needing = DATASET_METHODS[dataset].filter(
        (method) => (BATCH_METHOD_SPECS[method] as { filter?: { required: boolean } }).filter?.required,
      );
      expect(request.filters).toHaveLength(needing.length);
    }
  });
});

describe('dateRangeFilters', () => {
  it('gives each registration method its Registration filter and nothing to the others', () => {
    expect(
      dateRangeFilters(
        [BATCH_METHODS.outOfSchool, BATCH_METHODS.currentPupils, BATCH_METHODS.registrationStatus],
        '2026-11-27',
        '2026-11-28',
      ),
    ).toEqual([
      {
        module: 'Registration',
        element: 'OutOfSchoolPupils',
        attributes: { StartDate: '2026-11-27', EndDate: '2026-11-28' },
      },
      {
        module: 'Registration',
        element: 'RegistrationStatus',
        attributes: { StartDate: '2026-11-27', EndDate: '2026-11-28' },
      },
    ]);
  });
});
