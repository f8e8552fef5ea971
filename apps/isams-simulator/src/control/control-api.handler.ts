import {
  isProfileName,
  PROFILE_NAMES,
  type KeyConfigPatch,
  type KeyName,
  type SimulatedSchool,
} from '@isams-sync/simulator';
import { jsonPlan, type ResponsePlan } from '../http/response-plan';
import { schoolRegistration } from './school-registration';

export const CONTROL_PREFIX = '/_sim/';

export interface ControlRequest {
  method: string;
  /** path after `/_sim/`, e.g. `keys/pupils` */
  route: string;
  query: URLSearchParams;
  body: string;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new ControlError(400, 'the body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ControlError(400, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

function numberField(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ControlError(400, `${name} must be a number`);
  return value;
}

function stringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new ControlError(400, `${name} must be a list of strings`);
  return value;
}

function keyPatch(body: Record<string, unknown>): KeyConfigPatch {
  const throttle = body.throttle;
  if (throttle !== undefined && throttle !== null && (typeof throttle !== 'object' || Array.isArray(throttle))) {
    throw new ControlError(400, 'throttle must be an object {limit, windowSeconds, retryAfterSeconds?} or null');
  }
  if (body.active !== undefined && typeof body.active !== 'boolean')
    throw new ControlError(400, 'active must be true or false');
  if (body.declaredEncoding !== undefined && body.declaredEncoding !== 'utf-8' && body.declaredEncoding !== 'utf-16') {
    throw new ControlError(400, 'declaredEncoding must be utf-8 or utf-16');
  }
  const throttleBody = throttle as Record<string, unknown> | null | undefined;
  return {
    methods: stringList(body, 'methods'),
    extraMethods: stringList(body, 'extraMethods'),
    active: body.active as boolean | undefined,
    cacheSeconds: numberField(body, 'cacheSeconds'),
    declaredEncoding: body.declaredEncoding as 'utf-8' | 'utf-16' | undefined,
    throttle:
      throttleBody === undefined || throttleBody === null
        ? throttleBody
        : {
            limit: numberField(throttleBody, 'limit') ?? NaN,
            windowSeconds: numberField(throttleBody, 'windowSeconds') ?? NaN,
            retryAfterSeconds: numberField(throttleBody, 'retryAfterSeconds'),
          },
  };
}

function truth(school: SimulatedSchool, part: string): unknown {
  switch (part) {
    case 'pupils':
      return school.pupils();
    case 'applicants':
      return school.data.applicants;
    case 'contacts':
      return school.contacts();
    case 'staff':
      return school.staff();
    case 'structure':
      return school.structure();
    case 'teaching':
      return school.sets();
    case 'medical':
      return school.data.medical;
    case 'quality':
      return school.qualityCases();
    case 'registers':
      return school.registers();
    default:
      throw new ControlError(
        404,
        `unknown truth ${part}; known: pupils, applicants, contacts, staff, structure, teaching, medical, quality, registers`,
      );
  }
}

function route(school: SimulatedSchool, request: ControlRequest): { status?: number; value: unknown } {
  const { method, route: path } = request;
  const body = () => parseJson(request.body);
  let match: RegExpExecArray | null;
  if (method === 'GET' && path === 'school') return { value: school.info() };
  if (method === 'GET' && path === 'registration') {
    const id = request.query.get('id') ?? 'sim-school';
    return { value: schoolRegistration(school.info(), id, request.query.get('timezone') ?? 'Europe/London') };
  }
  if (method === 'POST' && path === 'day/advance') {
    const days = numberField(body(), 'days') ?? 1;
    if (!Number.isInteger(days) || days < 1 || days > 400)
      throw new ControlError(400, 'days must be a whole number from 1 to 400');
    const changes: ReturnType<SimulatedSchool['advanceDay']> = [];
    for (let n = 0; n < days; n++) changes.push(...school.advanceDay());
    return { value: { today: school.data.today, registers: school.todaysRegisters(), changes } };
  }
  if (method === 'POST' && (match = /^scenario\/([a-z-]+)$/.exec(path))) {
    const changes = school.runScenario(match[1]);
    return { value: { scenario: match[1], today: school.data.today, registers: school.todaysRegisters(), changes } };
  }
  if (method === 'GET' && path === 'changes') {
    const since = Number(request.query.get('since') ?? '0');
    return { value: school.changes(Number.isFinite(since) ? since : 0) };
  }
  if (method === 'GET' && path === 'faults') return { value: school.faults.list() };
  if (method === 'POST' && path === 'faults') return { status: 201, value: school.setFault(body()) };
  if (method === 'DELETE' && path === 'faults') return { value: { cleared: school.clearFaults() } };
  if (method === 'DELETE' && (match = /^faults\/(\d+)$/.exec(path))) {
    if (!school.faults.remove(Number(match[1]))) throw new ControlError(404, `no fault ${match[1]}`);
    return { value: { cleared: 1 } };
  }
  if (method === 'GET' && path === 'keys') return { value: school.keys.names().map((name) => school.keyConfig(name)) };
  if ((match = /^keys\/([a-z]+)$/.exec(path))) {
    const name = match[1] as KeyName;
    if (!school.keyConfig(name)) throw new ControlError(404, `this school has no ${match[1]} key`);
    if (method === 'GET') return { value: school.keyConfig(name) };
    if (method === 'PUT') return { value: school.configureKey(name, keyPatch(body())) };
  }
  if (method === 'POST' && path === 'clock/advance') {
    const seconds = numberField(body(), 'seconds');
    if (seconds === undefined) throw new ControlError(400, 'seconds is required');
    return { value: { now: new Date(school.advanceClock(seconds)).toISOString() } };
  }
  if (method === 'POST' && path === 'cache/clear') {
    school.keys.clearCaches();
    return { value: { cleared: true } };
  }
  if (path === 'profile' && method === 'GET') return { value: { profile: school.profile.name } };
  if (path === 'profile' && method === 'PUT') {
    const profile = body().profile;
    if (!isProfileName(profile)) throw new ControlError(400, `profile must be one of ${PROFILE_NAMES.join(', ')}`);
    school.setProfile(profile);
    return { value: { profile } };
  }
  if (method === 'PUT' && path === 'rest') {
    school.configureRest({ tokenLifetimeSeconds: numberField(body(), 'tokenLifetimeSeconds') });
    return { value: school.info().rest };
  }
  if (method === 'POST' && (match = /^registers\/(\d+)\/retake$/.exec(path)))
    return { value: school.retakeRegister(Number(match[1])) };
  if (method === 'GET' && (match = /^truth\/([a-z]+)$/.exec(path))) return { value: truth(school, match[1]) };
  throw new ControlError(404, `no control endpoint ${method} /_sim/${path}`);
}

/** The `/_sim/…` control API: JSON in, JSON out; a bad request is a 400 with `{error}`, never a crash. */
export function handleControlRequest(school: SimulatedSchool, request: ControlRequest): ResponsePlan {
  try {
    const { status, value } = route(school, request);
    return jsonPlan(status ?? 200, value);
  } catch (error) {
    if (error instanceof ControlError) return jsonPlan(error.status, { error: error.message });
    if (error instanceof RangeError) return jsonPlan(400, { error: error.message });
    throw error;
  }
}
