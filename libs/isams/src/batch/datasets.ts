import { DATASETS, type Dataset, REQUIRED_DATASETS, isDataset } from '@isams-sync/contracts';
import {
  BATCH_ENDPOINTS,
  BATCH_METHOD_SPECS,
  BATCH_METHODS,
  type BatchEndpoint,
  type BatchMethod,
} from './batch-methods';

export { DATASETS, type Dataset, REQUIRED_DATASETS, isDataset };

/** Methods a key for each dataset must have ticked (a missing one makes the dataset unusable). */
export const DATASET_METHODS: Record<Dataset, readonly BatchMethod[]> = {
  pupils: [BATCH_METHODS.currentPupils],
  contacts: [BATCH_METHODS.contacts],
  staff: [BATCH_METHODS.currentStaff],
  structure: [
    BATCH_METHODS.years,
    BATCH_METHODS.forms,
    BATCH_METHODS.academicHouses,
    BATCH_METHODS.boardingHouses,
    BATCH_METHODS.divisions,
    BATCH_METHODS.terms,
  ],
  teaching: [BATCH_METHODS.departments, BATCH_METHODS.sets, BATCH_METHODS.setLists],
  photos: [BATCH_METHODS.pupilPhotos],
  medical: [BATCH_METHODS.medical],
};

/**
 * The Contacts (Advanced) filter the sync sends: contacts of current pupils only (system status 1),
 * every contact type. Which contacts become users is the school's rule, applied later
 * (libs/import-rules), so the filter must not narrow by type.
 */
export const CONTACTS_FILTER_ATTRIBUTES: Readonly<Record<string, string>> = { SystemStatusesToInclude: '1' };

/** How a dataset is asked for: the endpoint, and the `<Filters>` entries its methods need. */
export interface DatasetRequest {
  endpoint: BatchEndpoint;
  path: string;
  /** `<Module><Element attr="…"/></Module>` entries for the POST body; empty: a plain GET */
  filters: readonly { module: string; element: string; attributes: Readonly<Record<string, string>> }[];
}

const FILTER_ATTRIBUTES: Partial<Record<BatchMethod, Readonly<Record<string, string>>>> = {
  [BATCH_METHODS.contacts]: CONTACTS_FILTER_ATTRIBUTES,
};

export function datasetRequest(dataset: Dataset): DatasetRequest {
  const methods = DATASET_METHODS[dataset];
  const endpoints = new Set(methods.map((method) => BATCH_METHOD_SPECS[method].endpoint));
  if (endpoints.size !== 1)
    throw new Error(`dataset ${dataset} mixes Batch endpoints (${[...endpoints].join(', ')}): one key, one endpoint`);
  const [endpoint] = [...endpoints] as [BatchEndpoint];
  const filters = methods.flatMap((method) => {
    const filter = (BATCH_METHOD_SPECS[method] as { filter?: { module: string; element: string } }).filter;
    const attributes = FILTER_ATTRIBUTES[method];
    if (!filter) return [];
    if (!attributes) throw new Error(`${method} needs a filter and the sync has none for it`);
    return [{ module: filter.module, element: filter.element, attributes }];
  });
  return { endpoint, path: BATCH_ENDPOINTS[endpoint], filters };
}

/**
 * The date-range filters of the given methods (the registration methods need theirs: register
 * marks, periods, out-of-school pupils between two dates), as `filters` for a Batch request.
 */
export function dateRangeFilters(
  methods: readonly BatchMethod[],
  startDate: string,
  endDate: string,
): DatasetRequest['filters'] {
  return methods.flatMap((method) => {
    const filter = (BATCH_METHOD_SPECS[method] as { filter?: { module: string; element: string } }).filter;
    return filter && filter.module === 'Registration'
      ? [{ module: filter.module, element: filter.element, attributes: { StartDate: startDate, EndDate: endDate } }]
      : [];
  });
}
