import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  batchErrors,
  MAX_FILTER_BYTES,
  BODY_FAULTS,
  batchEndpointAt,
  type ActiveFault,
  type SimulatedSchool,
} from '@isams-sync/simulator';
import { activeKey, errorPlan, handleBatchRequest } from '../batch/batch-request.handler';
import { CONTROL_PREFIX, handleControlRequest } from '../control/control-api.handler';
import { handleRegistrationRequest, REGISTRATION_PREFIX } from '../rest/registration-rest.handler';
import { bearerToken, handleTokenRequest, unauthorisedPlan } from '../rest/token.handler';
import { pauseWhileConnected, writePlan } from './body-writer';
import { BodyTooLargeError, readBody } from './request-body';
import { htmlPlan, jsonPlan, xmlPlan, type ResponsePlan } from './response-plan';

const CONTROL_BODY_LIMIT = 1024 * 1024;

function queryParam(query: URLSearchParams, name: string): string | undefined {
  // ASP.NET reads query parameters case-insensitively
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/** The answer a replacing fault gives instead of the real one. */
function faultAnswer(fault: ActiveFault): ResponsePlan | undefined {
  const retryAfter: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  switch (fault.kind) {
    case 'deadlock':
      return errorPlan(batchErrors.deadlock());
    case 'lock-timeout':
      return errorPlan(batchErrors.lockTimeout());
    case 'service-unavailable':
      return htmlPlan(503, 'Service Unavailable', retryAfter);
    case 'throttle-storm':
      return errorPlan(batchErrors.throttled(100, 3600, fault.retryAfterSeconds));
    case 'ip-blocked':
      // what IIS answers for an address outside the key's IP restrictions: no iSAMS <Message>
      return htmlPlan(403, 'Forbidden: Access is denied.');
    case 'token-endpoint-down':
      return htmlPlan(fault.status ?? 503, 'Service Unavailable', retryAfter);
    default:
      return undefined;
  }
}

async function normalAnswer(
  school: SimulatedSchool,
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
  body: string,
): Promise<ResponsePlan> {
  const lower = path.toLowerCase();
  const method = req.method ?? 'GET';
  const endpoint = batchEndpointAt(path);
  if (endpoint) {
    if (method !== 'GET' && method !== 'POST') return xmlPlan(405, '', { Allow: 'GET, POST' });
    return handleBatchRequest(school, {
      apiKey: queryParam(query, 'apiKey'),
      body: method === 'POST' ? body : '',
      endpoint,
    });
  }
  if (lower === school.tokens.credentials.tokenPath.toLowerCase()) {
    if (method !== 'POST')
      return jsonPlan(405, { error: 'invalid_request', error_description: 'Use POST.' }, { Allow: 'POST' });
    return handleTokenRequest(school.tokens, body, req.headers.authorization);
  }
  if (lower.startsWith(REGISTRATION_PREFIX)) {
    if (!school.tokens.isValid(bearerToken(req.headers.authorization))) return unauthorisedPlan();
    if (method !== 'GET')
      return jsonPlan(405, { message: `The requested resource does not support http method '${method}'.` });
    return handleRegistrationRequest(school, path, query);
  }
  return htmlPlan(404, 'Not Found');
}

/** Liveness for a container healthcheck; outside iSAMS's own paths, so no client ever mistakes it for iSAMS. */
const LIVENESS_PATH = '/health/live';

/** One request to the simulator: liveness, the `/_sim/` control API, or iSAMS itself (Batch, token, REST) after any faults. */
export async function handleSimulatorRequest(
  school: SimulatedSchool,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const path = decodeURIComponent(url.pathname);
  if (path === LIVENESS_PATH) {
    await writePlan(res, jsonPlan(200, { status: 'ok' }), undefined);
    return;
  }
  if (path.startsWith(CONTROL_PREFIX)) {
    const body = await readBody(req, CONTROL_BODY_LIMIT);
    await writePlan(
      res,
      handleControlRequest(school, {
        method: req.method ?? 'GET',
        route: path.slice(CONTROL_PREFIX.length).replace(/\/+$/, ''),
        query: url.searchParams,
        body,
      }),
      undefined,
    );
    return;
  }
  let body = '';
  try {
    body = await readBody(req, MAX_FILTER_BYTES * 16);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    await writePlan(res, errorPlan(batchErrors.malformedFilters('The request body is too large.')), undefined);
    return;
  }
  const apiKey = queryParam(url.searchParams, 'apiKey');
  const key = batchEndpointAt(path) ? activeKey(school, apiKey) : undefined;
  const faults = school.faults.take({ path, apiKey, dataset: key?.name });
  const delay = faults
    .filter((fault) => fault.kind === 'latency')
    .reduce((total, fault) => total + (fault.latencyMs ?? 2000), 0);
  if (delay > 0) await pauseWhileConnected(res, delay);
  if (res.destroyed) return;
  const other = faults.find((fault) => fault.kind !== 'latency');
  const plan = (other && faultAnswer(other)) ?? (await normalAnswer(school, req, path, url.searchParams, body));
  await writePlan(res, plan, other && BODY_FAULTS.includes(other.kind) ? other : undefined);
}
