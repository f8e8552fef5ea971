import { DATASETS, type Dataset } from '@isams-sync/isams';

export const FAULT_KINDS = [
  'latency',
  'slow-drip',
  'connection-reset',
  'truncated-xml',
  'deadlock',
  'lock-timeout',
  'service-unavailable',
  'throttle-storm',
  'token-endpoint-down',
  'never-finish',
  'ip-blocked',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault and the requests it applies to. Omitted targets mean "every request the kind applies to". */
export interface FaultSpec {
  kind: FaultKind;
  /** path prefixes (case-insensitive); defaults: the token path for token-endpoint-down, `/api/batch` for XML faults, `/api/` otherwise */
  paths?: readonly string[];
  /** Batch keys of these datasets only */
  datasets?: readonly Dataset[];
  /** these Batch API keys only */
  apiKeys?: readonly string[];
  /** the next N matching requests, then the fault clears itself; omitted: until cleared */
  count?: number;
  /** latency: delay before answering (default 2000) */
  latencyMs?: number;
  /** slow-drip: bytes per write (default 64) and pause between writes (default 100) */
  chunkBytes?: number;
  intervalMs?: number;
  /** connection-reset, never-finish, truncated-xml: bytes of the real answer sent first (reset/never-finish default 0) */
  afterBytes?: number;
  /** truncated-xml: fraction of the answer sent (default 0.5) when afterBytes is not given */
  truncateAt?: number;
  /** service-unavailable, throttle-storm: Retry-After seconds to send */
  retryAfterSeconds?: number;
  /** token-endpoint-down: status to answer (default 503) */
  status?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  /** requests this fault has been applied to */
  hits: number;
}

/** Kinds that shape how the real answer's body is written (the rest replace the answer or delay it). */
export const BODY_FAULTS: readonly FaultKind[] = ['slow-drip', 'connection-reset', 'truncated-xml', 'never-finish'];

export function defaultPaths(kind: FaultKind, tokenPath: string): string[] {
  if (kind === 'token-endpoint-down') return [tokenPath];
  if (
    kind === 'truncated-xml' ||
    kind === 'deadlock' ||
    kind === 'lock-timeout' ||
    kind === 'throttle-storm' ||
    kind === 'ip-blocked'
  )
    return ['/api/batch'];
  return ['/api/'];
}

function nonNegative(value: number | undefined, name: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0))
    throw new RangeError(`${name} must be a non-negative number`);
}

/** Checks a fault description from a test or the control API; throws RangeError naming the bad field. */
export function validateFault(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw new RangeError('a fault must be an object');
  const spec = input as Record<string, unknown>;
  if (!FAULT_KINDS.includes(spec.kind as FaultKind))
    throw new RangeError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  for (const list of ['paths', 'datasets', 'apiKeys'] as const) {
    const value = spec[list];
    if (value !== undefined && !(Array.isArray(value) && value.every((item) => typeof item === 'string')))
      throw new RangeError(`${list} must be a list of strings`);
  }
  for (const dataset of (spec.datasets as string[] | undefined) ?? []) {
    if (!(DATASETS as readonly string[]).includes(dataset)) throw new RangeError(`unknown dataset: ${dataset}`);
  }
  for (const field of [
    'count',
    'latencyMs',
    'chunkBytes',
    'intervalMs',
    'afterBytes',
    'retryAfterSeconds',
    'status',
  ] as const) {
    if (spec[field] !== undefined && typeof spec[field] !== 'number') throw new RangeError(`${field} must be a number`);
    nonNegative(spec[field] as number | undefined, field);
  }
  if (spec.count !== undefined && (!Number.isInteger(spec.count) || (spec.count as number) < 1))
    throw new RangeError('count must be a positive integer');
  if (spec.chunkBytes !== undefined && (spec.chunkBytes as number) < 1)
    throw new RangeError('chunkBytes must be at least 1');
  if (
    spec.truncateAt !== undefined &&
    !(typeof spec.truncateAt === 'number' && spec.truncateAt >= 0 && spec.truncateAt < 1)
  ) {
    throw new RangeError('truncateAt must be a fraction from 0 up to (not including) 1');
  }
  if (spec.status !== undefined && !((spec.status as number) >= 400 && (spec.status as number) <= 599))
    throw new RangeError('status must be 400–599');
  return spec as unknown as FaultSpec;
}
