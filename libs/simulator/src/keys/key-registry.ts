import { DATASET_METHODS, DATASETS, type Dataset } from '@isams-sync/isams';
import { canonicalMethod, type SectionMethod } from '../batch/batch-document.renderer';
import type { SchoolData } from '../model/school-data';
import { SeededRandom } from '../random/seeded-random';
import { ThrottleWindow, type ThrottleConfig, type ThrottleDecision } from './throttle-window';

/** Schools are asked for a 2–3 hour cache; the simulator starts at 2 hours. */
export const DEFAULT_CACHE_SECONDS = 7200;

/** The registration methods of the Batch fallback for attendance, on a key of their own. */
export const REGISTRATION_METHODS: readonly SectionMethod[] = [
  'Registration_GetRegistrationPeriods',
  'Registration_GetRegistrationStatus',
  'Registration_GetOutOfSchoolPupils',
  'Registration_GetRegistrationCodes',
  'Registration_GetPresentCodes',
];

export type KeyName = Dataset | 'registration';

export interface KeyConfig {
  name: KeyName;
  apiKey: string;
  /** the methods ticked on the key, in the order they run */
  methods: readonly SectionMethod[];
  active: boolean;
  /** 0 switches caching off */
  cacheSeconds: number;
  throttle: ThrottleConfig | null;
  /** overrides the school's wire profile for this key's data answers; unset: the profile decides */
  declaredEncoding?: 'utf-8' | 'utf-16';
}

export interface KeyConfigPatch {
  /** replaces the ticked methods */
  methods?: readonly string[];
  /** ticks these as well (the "ticked by mistake" case) */
  extraMethods?: readonly string[];
  active?: boolean;
  cacheSeconds?: number;
  throttle?: ThrottleConfig | null;
  declaredEncoding?: 'utf-8' | 'utf-16';
}

interface KeyState {
  config: KeyConfig;
  throttle: ThrottleWindow | null;
  cache: { data: SchoolData; expiresAt: number } | null;
}

export class UnknownMethodError extends RangeError {}

function toMethods(names: readonly string[]): SectionMethod[] {
  return names.map((name) => {
    const method = canonicalMethod(name);
    if (!method) throw new UnknownMethodError(`unknown iSAMS method: ${name}`);
    return method;
  });
}

/** The school's Batch keys: which methods each has, whether it is active, its cache and its throttle. */
export class KeyRegistry {
  private readonly keys = new Map<KeyName, KeyState>();

  constructor(seed: number, medical: boolean) {
    const rng = SeededRandom.derive(seed, 'keys');
    const names: KeyName[] = [...DATASETS.filter((dataset) => medical || dataset !== 'medical'), 'registration'];
    for (const name of names) {
      const methods = name === 'registration' ? REGISTRATION_METHODS : DATASET_METHODS[name];
      this.keys.set(name, {
        config: {
          name,
          apiKey: rng.guid(),
          methods,
          active: true,
          cacheSeconds: DEFAULT_CACHE_SECONDS,
          throttle: null,
        },
        throttle: null,
        cache: null,
      });
    }
  }

  names(): KeyName[] {
    return [...this.keys.keys()];
  }

  config(name: KeyName): KeyConfig | undefined {
    return this.keys.get(name)?.config;
  }

  byApiKey(apiKey: string): KeyConfig | undefined {
    // GUID keys are compared case-insensitively and may come in braces (`apiKey={GUID}`), as iSAMS accepts them
    const wanted = apiKey
      .trim()
      .replace(/^\{(.*)\}$/, '$1')
      .toLowerCase();
    return [...this.keys.values()].find((state) => state.config.apiKey.toLowerCase() === wanted)?.config;
  }

  configure(name: KeyName, patch: KeyConfigPatch): KeyConfig {
    const state = this.keys.get(name);
    if (!state) throw new RangeError(`this school has no ${name} key`);
    const methods = patch.methods ? toMethods(patch.methods) : [...state.config.methods];
    for (const extra of toMethods(patch.extraMethods ?? [])) if (!methods.includes(extra)) methods.push(extra);
    if (patch.cacheSeconds !== undefined && !(patch.cacheSeconds >= 0))
      throw new RangeError(`cacheSeconds must be non-negative, got ${patch.cacheSeconds}`);
    const throttle =
      patch.throttle === undefined
        ? state.throttle
        : patch.throttle === null
          ? null
          : new ThrottleWindow(patch.throttle);
    state.config = {
      ...state.config,
      methods,
      active: patch.active ?? state.config.active,
      cacheSeconds: patch.cacheSeconds ?? state.config.cacheSeconds,
      throttle: throttle?.config ?? null,
      ...((patch.declaredEncoding ?? state.config.declaredEncoding) === undefined
        ? {}
        : { declaredEncoding: patch.declaredEncoding ?? state.config.declaredEncoding }),
    };
    state.throttle = throttle;
    // a key edited in the control panel starts with an empty cache
    state.cache = null;
    return state.config;
  }

  admit(name: KeyName, nowMs: number): ThrottleDecision {
    return this.keys.get(name)?.throttle?.admit(nowMs) ?? { allowed: true };
  }

  /**
   * The data this key answers from: the cached state while the cache is fresh (even if the school
   * changed since), else the current state, which then becomes the cached one.
   */
  dataFor(name: KeyName, current: SchoolData, nowMs: number): SchoolData {
    const state = this.keys.get(name);
    if (!state) return current;
    if (state.config.cacheSeconds <= 0) return current;
    if (state.cache && nowMs < state.cache.expiresAt) return state.cache.data;
    state.cache = { data: current, expiresAt: nowMs + state.config.cacheSeconds * 1000 };
    return current;
  }

  clearCaches(): void {
    for (const state of this.keys.values()) state.cache = null;
  }
}
