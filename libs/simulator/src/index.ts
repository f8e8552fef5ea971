import { renderBatchString } from './batch/batch-document.renderer';
import { SimulatedSchool } from './school/simulated-school';
import type { DataQualityRates } from './model/data-quality-rates';
import type { BatchFilters } from './batch/batch-filters';
import type { ProfileName } from './batch/wire-profile';

export {
  SimulatedSchool,
  BATCH_PATH,
  batchEndpointAt,
  type SchoolInfo,
  type SimulatedSchoolOptions,
} from './school/simulated-school';
export { DEFAULT_DATA_QUALITY, type DataQualityRates } from './model/data-quality-rates';
export type * from './model/school-data';
export { PUPIL_STATUS } from './model/school-data';
export type { SchoolChange, SchoolChangeType } from './model/school-change';
export type { QualityCases } from './generate/contact-quality';
export { SCENARIOS, type ScenarioName } from './days/scenarios';
export { BODY_FAULTS, FAULT_KINDS, type FaultKind, type FaultSpec, type ActiveFault } from './faults/fault';
export {
  DEFAULT_CACHE_SECONDS,
  REGISTRATION_METHODS,
  type KeyConfig,
  type KeyConfigPatch,
  type KeyName,
} from './keys/key-registry';
export type { ThrottleConfig } from './keys/throttle-window';
export {
  batchErrors,
  DEADLOCK_DESCRIPTION,
  errorXml,
  LOCK_TIMEOUT_DESCRIPTION,
  UNHANDLED_TITLE,
  type BatchErrorAnswer,
} from './batch/batch-error';
export {
  DEFAULT_PROFILE,
  PROFILE_NAMES,
  WIRE_PROFILES,
  isProfileName,
  type ProfileName,
  type WireProfile,
} from './batch/wire-profile';
export type { BatchFilters } from './batch/batch-filters';
export type { RegisterMark, RegistrationPeriod } from './registers/register-marks';
export type { OutOfSchoolRecord } from './registers/out-of-school';
export { DEFAULT_TOKEN_LIFETIME_SECONDS, DEFAULT_TOKEN_PATH, REST_SCOPE, type TokenIssuer } from './rest/token-issuer';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, paged, readPage } from './rest/rest-paging';
export { registrationPeriodId, FIRST_SCHOOL_DAY } from './calendar/school-calendar';
// What the simulator app (apps/isams-simulator) puts together into its HTTP handlers: rendering by the key's methods,
// the filters a request body carries, the error documents iSAMS answers with.
export {
  canonicalMethod,
  declaredEncodingFor,
  endpointOf,
  hasRequiredFilter,
  renderBatchChunks,
  type SectionMethod,
} from './batch/batch-document.renderer';
export { MalformedFiltersError, MAX_FILTER_BYTES, parseBatchFilters } from './batch/batch-filters.parser';
export { SimulatorControlClient, type DayAdvance } from './control/simulator-control.client';

/** Generates a school without serving it (same seed and size → the same school, byte for byte). */
export function generateSchool(options: {
  seed: number;
  pupils: number;
  medical?: boolean;
  dataQuality?: Partial<DataQualityRates>;
  profile?: ProfileName;
}): SimulatedSchool {
  return new SimulatedSchool(options);
}

/**
 * The Batch document a key with these methods returns for the school as it is now (no filters, no
 * cache, no HTTP), as one string. For tests and benchmarks; the server streams the same bytes.
 */
export function renderBatchDocument(
  school: SimulatedSchool,
  methods: readonly string[],
  filters: BatchFilters = {},
): string {
  return renderBatchString(school.data, methods, filters, school.profile);
}
