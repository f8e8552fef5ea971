import {
  batchErrors,
  errorXml,
  canonicalMethod,
  declaredEncodingFor,
  endpointOf,
  hasRequiredFilter,
  renderBatchChunks,
  MalformedFiltersError,
  parseBatchFilters,
  type KeyConfig,
  type SimulatedSchool,
  type BatchErrorAnswer,
  type SectionMethod,
  type BatchFilters,
} from '@isams-sync/simulator';
import { xmlPlan, type ResponsePlan } from '../http/response-plan';
import type { BatchEndpoint } from '@isams-sync/isams';

export interface BatchRequest {
  /** the apiKey query parameter, undefined when absent */
  apiKey: string | undefined;
  /** the POST body ('' for GET) */
  body: string;
  /** which Batch endpoint was called; default xml.ashx */
  endpoint?: BatchEndpoint;
}

export function errorPlan(answer: BatchErrorAnswer): ResponsePlan {
  return xmlPlan(answer.status, errorXml(answer), answer.headers);
}

/** Finds the key a request names, if it exists and is active. */
export function activeKey(school: SimulatedSchool, apiKey: string | undefined): KeyConfig | undefined {
  if (!apiKey) return undefined;
  const key = school.keys.byApiKey(apiKey);
  return key?.active ? key : undefined;
}

/** A key's methods an endpoint serves: photos run only on photos.ashx / staffphotos.ashx, the rest only on xml.ashx. */
function methodsOn(key: KeyConfig, endpoint: BatchEndpoint): SectionMethod[] {
  return key.methods.filter((method) => endpointOf(method) === endpoint);
}

function methodsToRun(
  key: KeyConfig,
  endpoint: BatchEndpoint,
  filters: BatchFilters,
): { methods: SectionMethod[] } | { notAllocated: string[] } {
  const served = methodsOn(key, endpoint);
  if (!filters.methodsToRun || filters.methodsToRun.length === 0) return { methods: served };
  const notAllocated = filters.methodsToRun.filter((name) => {
    const method = canonicalMethod(name);
    return !method || !key.methods.includes(method);
  });
  if (notAllocated.length > 0) return { notAllocated };
  const wanted = new Set(filters.methodsToRun.map((name) => canonicalMethod(name)));
  return { methods: served.filter((method) => wanted.has(method)) };
}

/**
 * One Batch API call, checked in the order iSAMS does: the apiKey parameter, the key itself, the
 * key's throttle, the filter XML, the methods asked for, the filters those methods require. The
 * answer comes from the key's cache while it is fresh.
 */
export function handleBatchRequest(school: SimulatedSchool, request: BatchRequest): ResponsePlan {
  if (request.apiKey === undefined || request.apiKey.trim() === '') return errorPlan(batchErrors.missingApiKey());
  const key = activeKey(school, request.apiKey);
  if (!key) return errorPlan(batchErrors.invalidApiKey());
  const now = school.clock.now();
  const decision = school.keys.admit(key.name, now);
  if (!decision.allowed) {
    const throttle = key.throttle;
    return errorPlan(
      batchErrors.throttled(throttle?.limit ?? 0, throttle?.windowSeconds ?? 0, decision.retryAfterSeconds),
    );
  }
  let filters: BatchFilters;
  try {
    filters = parseBatchFilters(request.body);
  } catch (error) {
    if (error instanceof MalformedFiltersError) return errorPlan(batchErrors.malformedFilters(error.message));
    throw error;
  }
  const chosen = methodsToRun(key, request.endpoint ?? 'xml', filters);
  if ('notAllocated' in chosen) return errorPlan(batchErrors.methodsNotAllocated(chosen.notAllocated));
  const missingFilters = chosen.methods.filter((method) => !hasRequiredFilter(method, filters));
  if (missingFilters.length > 0) return errorPlan(batchErrors.filtersRequired(missingFilters));
  const data = school.keys.dataFor(key.name, school.data, now);
  const profile = school.profile;
  const encoding = key.declaredEncoding ?? declaredEncodingFor(chosen.methods, profile);
  return xmlPlan(200, renderBatchChunks(data, chosen.methods, filters, encoding, profile));
}
