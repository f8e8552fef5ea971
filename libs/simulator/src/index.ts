import { renderBatchString } from './batch/batch-document.renderer';
import { SimulatedSchool } from './school/simulated-school';
import type { DataQualityRates } from './model/data-quality-rates';
import type { BatchFilters } from './batch/batch-filters';
import type { ProfileName } from './batch/wire-profile';

export { startSimulator, type RunningSimulator, type SimulatorOptions } from './http/simulator-server';
export { simulatorMain, parseSimulatorArgs, SIMULATOR_USAGE, UsageError } from './cli/simulator-main';
export { SimulatedSchool, BATCH_PATH, type SchoolInfo, type SimulatedSchoolOptions } from './school/simulated-school';
export { DEFAULT_DATA_QUALITY, type DataQualityRates } from './model/data-quality-rates';
export type * from './model/school-data';
export { PUPIL_STATUS } from './model/school-data';
export type { SchoolChange, SchoolChangeType } from './model/school-change';
export type { QualityCases } from './generate/contact-quality';
export { SCENARIOS, type ScenarioName } from './days/scenarios';
export { FAULT_KINDS, type FaultKind, type FaultSpec, type ActiveFault } from './faults/fault';
export { DEFAULT_CACHE_SECONDS, REGISTRATION_METHODS, type KeyConfig, type KeyConfigPatch, type KeyName } from './keys/key-registry';
export type { ThrottleConfig } from './keys/throttle-window';
export { DEADLOCK_DESCRIPTION, LOCK_TIMEOUT_DESCRIPTION, UNHANDLED_TITLE } from './batch/batch-error';
export { DEFAULT_PROFILE, PROFILE_NAMES, WIRE_PROFILES, isProfileName, type ProfileName, type WireProfile } from './batch/wire-profile';
export type { BatchFilters } from './batch/batch-filters';
export type { RegisterMark, RegistrationPeriod } from './registers/register-marks';
export type { OutOfSchoolRecord } from './registers/out-of-school';
export { REST_ARRAYS } from './rest/registration-rest.handler';
export { DEFAULT_TOKEN_LIFETIME_SECONDS, DEFAULT_TOKEN_PATH, REST_SCOPE } from './rest/token-issuer';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './rest/rest-paging';
export { registrationPeriodId, FIRST_SCHOOL_DAY } from './calendar/school-calendar';

/** Generates a school without serving it (same seed and size → the same school, byte for byte). */
export function generateSchool(options: { seed: number; pupils: number; medical?: boolean; dataQuality?: Partial<DataQualityRates>; profile?: ProfileName }): SimulatedSchool {
  return new SimulatedSchool(options);
}

/**
 * The Batch document a key with these methods returns for the school as it is now (no filters, no
 * cache, no HTTP), as one string. For tests and benchmarks; the server streams the same bytes.
 */
export function renderBatchDocument(school: SimulatedSchool, methods: readonly string[], filters: BatchFilters = {}): string {
  return renderBatchString(school.data, methods, filters, school.profile);
}
