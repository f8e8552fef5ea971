import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { batchErrors } from '../batch/batch-error';
import type { ProfileName } from '../batch/wire-profile';
import { activeKey, errorPlan, handleBatchRequest } from '../batch/batch-request.handler';
import { MAX_FILTER_BYTES } from '../batch/batch-filters.parser';
import { CONTROL_PREFIX, handleControlRequest } from '../control/control-api.handler';
import { BODY_FAULTS, type ActiveFault } from '../faults/fault';
import type { DataQualityRates } from '../model/data-quality-rates';
import { handleRegistrationRequest, REGISTRATION_PREFIX } from '../rest/registration-rest.handler';
import { bearerToken, handleTokenRequest, unauthorisedPlan } from '../rest/token.handler';
import { batchEndpointAt, SimulatedSchool } from '../school/simulated-school';
import { pauseWhileConnected, writePlan } from './body-writer';
import { BodyTooLargeError, readBody } from './request-body';
import { htmlPlan, jsonPlan, xmlPlan, type ResponsePlan } from './response-plan';

export interface SimulatorOptions {
  seed: number;
  pupils: number;
  medical?: boolean;
  /** 0 or omitted: an ephemeral port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** the address clients use (in a container: http://isams-simulator:8089); default http://<host>:<port> */
  publicUrl?: string;
  dataQuality?: Partial<DataQualityRates>;
  /** where the OAuth2 token endpoint lives (older hosts: /main/auth/connect/token) */
  tokenPath?: string;
  tokenLifetimeSeconds?: number;
  /** how Batch answers are written: `real` (default) or `hostile` */
  profile?: ProfileName;
}

export interface RunningSimulator {
  url: string;
  port: number;
  school: SimulatedSchool;
  close(): Promise<void>;
}

const CONTROL_BODY_LIMIT = 1024 * 1024;

function queryParam(query: URLSearchParams, name: string): string | undefined {
  // ASP.NET reads query parameters case-insensitively
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/** The answer a replacing fault gives instead of the real one. */
function faultAnswer(fault: ActiveFault): ResponsePlan | undefined {
  const retryAfter: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
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

async function normalAnswer(school: SimulatedSchool, req: IncomingMessage, path: string, query: URLSearchParams, body: string): Promise<ResponsePlan> {
  const lower = path.toLowerCase();
  const method = req.method ?? 'GET';
  const endpoint = batchEndpointAt(path);
  if (endpoint) {
    if (method !== 'GET' && method !== 'POST') return xmlPlan(405, '', { Allow: 'GET, POST' });
    return handleBatchRequest(school, { apiKey: queryParam(query, 'apiKey'), body: method === 'POST' ? body : '', endpoint });
  }
  if (lower === school.tokens.credentials.tokenPath.toLowerCase()) {
    if (method !== 'POST') return jsonPlan(405, { error: 'invalid_request', error_description: 'Use POST.' }, { Allow: 'POST' });
    return handleTokenRequest(school.tokens, body, req.headers.authorization);
  }
  if (lower.startsWith(REGISTRATION_PREFIX)) {
    if (!school.tokens.isValid(bearerToken(req.headers.authorization))) return unauthorisedPlan();
    if (method !== 'GET') return jsonPlan(405, { message: `The requested resource does not support http method '${method}'.` });
    return handleRegistrationRequest(school, path, query);
  }
  return htmlPlan(404, 'Not Found');
}

/** Liveness for a container healthcheck; outside iSAMS's own paths, so no client ever mistakes it for iSAMS. */
const LIVENESS_PATH = '/health/live';

async function handle(school: SimulatedSchool, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const path = decodeURIComponent(url.pathname);
  if (path === LIVENESS_PATH) {
    await writePlan(res, jsonPlan(200, { status: 'ok' }), undefined);
    return;
  }
  if (path.startsWith(CONTROL_PREFIX)) {
    const body = await readBody(req, CONTROL_BODY_LIMIT);
    await writePlan(res, handleControlRequest(school, { method: req.method ?? 'GET', route: path.slice(CONTROL_PREFIX.length).replace(/\/+$/, ''), query: url.searchParams, body }), undefined);
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
  const delay = faults.filter((fault) => fault.kind === 'latency').reduce((total, fault) => total + (fault.latencyMs ?? 2000), 0);
  if (delay > 0) await pauseWhileConnected(res, delay);
  if (res.destroyed) return;
  const other = faults.find((fault) => fault.kind !== 'latency');
  const plan = (other && faultAnswer(other)) ?? (await normalAnswer(school, req, path, url.searchParams, body));
  await writePlan(res, plan, other && BODY_FAULTS.includes(other.kind) ? other : undefined);
}

/**
 * Starts the simulated iSAMS on 127.0.0.1 (port 0: an ephemeral port). Batch API, REST API and the
 * `/_sim/` control API share the port.
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const school = new SimulatedSchool(options);
  const server = createServer((req, res) => {
    handle(school, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
      } else {
        res.destroy();
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = options.publicUrl?.replace(/\/+$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  school.attachUrl(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    school,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // hanging (never-finishing, slow-drip) answers and idle keep-alive sockets end now
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
