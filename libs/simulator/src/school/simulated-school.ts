import { BATCH_ENDPOINTS, type BatchEndpoint, type Dataset } from '@isams-sync/isams';
import { registrationPeriodId } from '../calendar/school-calendar';
import { SimClock } from '../clock/sim-clock';
import { advanceSchoolDay } from '../days/day-advance';
import { applyScenario, isScenario, SCENARIOS } from '../days/scenarios';
import { FaultBook } from '../faults/fault-book';
import type { ActiveFault } from '../faults/fault';
import type { QualityCases } from '../generate/contact-quality';
import { generateSchoolData, type GenerateSchoolOptions } from '../generate/school.generator';
import { KeyRegistry, type KeyConfig, type KeyConfigPatch, type KeyName } from '../keys/key-registry';
import type { DataQualityRates } from '../model/data-quality-rates';
import type { NewChange, SchoolChange } from '../model/school-change';
import type { SchoolData } from '../model/school-data';
import { outOfSchoolOn, type OutOfSchoolRecord } from '../registers/out-of-school';
import {
  isKnownPeriod,
  registerMarks,
  registrationPeriods,
  type RegisterMark,
  type RegistrationPeriod,
} from '../registers/register-marks';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, DEFAULT_TOKEN_PATH, REST_SCOPE, TokenIssuer } from '../rest/token-issuer';
import { SeededRandom } from '../random/seeded-random';
import { DEFAULT_PROFILE, wireProfile, type ProfileName, type WireProfile } from '../batch/wire-profile';

export interface SchoolInfo {
  name: string;
  seed: number;
  pupils: number;
  medical: boolean;
  /** how Batch answers are written: `real` (the evidence) or `hostile` (parser-hardening quirks) */
  profile: ProfileName;
  /** the school's iSAMS address ('' until a server is listening) */
  accessUrl: string;
  batchPath: string;
  keys: Partial<Record<Dataset, string>> & Record<Exclude<Dataset, 'medical'>, string>;
  /** a key with the registration methods, for the Batch fallback of attendance */
  registrationKey: string;
  rest: { clientId: string; clientSecret: string; tokenPath: string; scope: string; tokenLifetimeSeconds: number };
  /** today's AM and PM registration period ids */
  registers: { am: number; pm: number };
  today: string;
  academicYear: number;
  dayNumber: number;
}

export interface SimulatedSchoolOptions extends GenerateSchoolOptions {
  tokenPath?: string;
  tokenLifetimeSeconds?: number;
  /** default `real` */
  profile?: ProfileName;
  /** the real clock the simulated one runs from (tests of pure logic pass their own) */
  now?: () => number;
}

export const BATCH_PATH = BATCH_ENDPOINTS.xml;

/** The Batch endpoint a request path names (xml.ashx, photos.ashx, staffphotos.ashx; any case), if any. */
export function batchEndpointAt(path: string): BatchEndpoint | undefined {
  const lower = path.toLowerCase();
  return (Object.keys(BATCH_ENDPOINTS) as BatchEndpoint[]).find(
    (endpoint) => BATCH_ENDPOINTS[endpoint].toLowerCase() === lower,
  );
}
const DAY_SECONDS = 86_400;

/**
 * One simulated school: its data day by day, the changes made to it, its Batch keys, its REST
 * credentials, its clock and its faults. The HTTP server is a thin layer over this object, and
 * tests read the truth from it as plain data.
 */
export class SimulatedSchool {
  readonly clock: SimClock;
  readonly keys: KeyRegistry;
  readonly faults: FaultBook;
  readonly tokens: TokenIssuer;
  readonly rates: DataQualityRates;
  private readonly initial: SchoolData;
  private readonly initialQuality: QualityCases;
  private current: SchoolData;
  private history: SchoolChange[] = [];
  private accessUrl = '';
  private profileName: ProfileName;

  constructor(options: SimulatedSchoolOptions) {
    this.profileName = options.profile ?? DEFAULT_PROFILE;
    const generated = generateSchoolData(options);
    this.initial = generated.data;
    this.initialQuality = generated.quality;
    this.rates = generated.rates;
    this.current = generated.data;
    this.clock = new SimClock(options.now);
    this.keys = new KeyRegistry(options.seed, options.medical === true);
    const rng = SeededRandom.derive(options.seed, 'rest');
    this.tokens = new TokenIssuer(
      {
        clientId: `schoolsbuddy-${rng.hex(8).toLowerCase()}`,
        clientSecret: rng.guid(),
        tokenPath: options.tokenPath ?? DEFAULT_TOKEN_PATH,
        tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
      },
      () => this.clock.now(),
    );
    this.faults = new FaultBook(() => this.tokens.credentials.tokenPath);
  }

  /** The school as it is now (immutable; a new object after every change). */
  get data(): SchoolData {
    return this.current;
  }

  /** How Batch answers are written now; switching applies to the next answer, cached ones included (only bytes change). */
  get profile(): WireProfile {
    return wireProfile(this.profileName);
  }

  setProfile(name: ProfileName): void {
    this.profileName = name;
  }

  attachUrl(url: string): void {
    this.accessUrl = url;
  }

  info(): SchoolInfo {
    const key = (name: KeyName) => this.keys.config(name)?.apiKey;
    const keys = {
      pupils: key('pupils') as string,
      contacts: key('contacts') as string,
      staff: key('staff') as string,
      structure: key('structure') as string,
      teaching: key('teaching') as string,
      photos: key('photos') as string,
      ...(key('medical') ? { medical: key('medical') as string } : {}),
    };
    const { clientId, clientSecret, tokenPath, tokenLifetimeSeconds } = this.tokens.credentials;
    return {
      name: this.current.name,
      seed: this.current.seed,
      pupils: this.current.pupils.length,
      medical: this.current.medical !== null,
      profile: this.profileName,
      accessUrl: this.accessUrl,
      batchPath: BATCH_PATH,
      keys,
      registrationKey: key('registration') as string,
      rest: { clientId, clientSecret, tokenPath, scope: REST_SCOPE, tokenLifetimeSeconds },
      registers: this.todaysRegisters(),
      today: this.current.today,
      academicYear: this.current.academicYear,
      dayNumber: this.current.dayNumber,
    };
  }

  todaysRegisters(): { am: number; pm: number } {
    return { am: registrationPeriodId(this.current.today, 'AM'), pm: registrationPeriodId(this.current.today, 'PM') };
  }

  /** Moves to the next school day with its changes; a night passes on the clock too (caches, throttles, tokens). */
  advanceDay(): SchoolChange[] {
    const result = advanceSchoolDay(this.current);
    this.clock.advance(DAY_SECONDS);
    return this.commit(result.data, result.changes);
  }

  runScenario(name: string): SchoolChange[] {
    if (!isScenario(name)) throw new RangeError(`unknown scenario ${name}; known: ${SCENARIOS.join(', ')}`);
    if (name === 'reset') return this.reset();
    const result = applyScenario(this.current, name);
    return this.commit(result.data, result.changes);
  }

  /** Every change so far (or those after `sinceSeq`), oldest first. */
  changes(sinceSeq = 0): SchoolChange[] {
    return this.history.filter((change) => change.seq > sinceSeq);
  }

  /** Which records carried each data-quality problem when the school was generated. */
  qualityCases(): QualityCases {
    return this.initialQuality;
  }

  configureKey(name: KeyName, patch: KeyConfigPatch): KeyConfig {
    return this.keys.configure(name, patch);
  }

  keyConfig(name: KeyName): KeyConfig | undefined {
    return this.keys.config(name);
  }

  setFault(spec: unknown): ActiveFault {
    return this.faults.add(spec);
  }

  clearFaults(): number {
    return this.faults.clear();
  }

  advanceClock(seconds: number): number {
    return this.clock.advance(seconds);
  }

  configureRest(patch: { tokenLifetimeSeconds?: number }): void {
    if (patch.tokenLifetimeSeconds !== undefined) {
      if (!(patch.tokenLifetimeSeconds > 0)) throw new RangeError('tokenLifetimeSeconds must be positive');
      this.tokens.credentials.tokenLifetimeSeconds = patch.tokenLifetimeSeconds;
    }
  }

  /** A register is taken (again): marks not yet taken get taken, a few taken marks change. */
  retakeRegister(periodId: number): SchoolChange[] {
    if (!isKnownPeriod(this.current, periodId)) throw new RangeError(`no registration period ${periodId}`);
    const version = (this.current.registerVersions[periodId] ?? 0) + 1;
    const data = { ...this.current, registerVersions: { ...this.current.registerVersions, [periodId]: version } };
    return this.commit(data, [
      { type: 'register-retake', day: this.current.today, registrationPeriodId: periodId, version },
    ]);
  }

  // --- the truth as plain data -------------------------------------------------------------

  pupils(): SchoolData['pupils'] {
    return this.current.pupils;
  }

  contacts(): SchoolData['contacts'] {
    return this.current.contacts;
  }

  staff(): SchoolData['staff'] {
    return this.current.staff;
  }

  structure(): Pick<SchoolData, 'years' | 'forms' | 'academicHouses' | 'boardingHouses' | 'divisions' | 'terms'> {
    const { years, forms, academicHouses, boardingHouses, divisions, terms } = this.current;
    return { years, forms, academicHouses, boardingHouses, divisions, terms };
  }

  sets(): Pick<SchoolData, 'departments' | 'sets' | 'setLists'> {
    const { departments, sets, setLists } = this.current;
    return { departments, sets, setLists };
  }

  /** Today's AM and PM registers and who is out of school today. */
  registers(): {
    am: { id: number; marks: RegisterMark[] };
    pm: { id: number; marks: RegisterMark[] };
    outOfSchool: OutOfSchoolRecord[];
  } {
    const { am, pm } = this.todaysRegisters();
    return {
      am: { id: am, marks: this.register(am) },
      pm: { id: pm, marks: this.register(pm) },
      outOfSchool: this.outOfSchool(this.current.today),
    };
  }

  periods(): RegistrationPeriod[] {
    return registrationPeriods(this.current);
  }

  register(periodId: number): RegisterMark[] {
    return isKnownPeriod(this.current, periodId) ? registerMarks(this.current, periodId) : [];
  }

  outOfSchool(date: string): OutOfSchoolRecord[] {
    return outOfSchoolOn(this.current, date);
  }

  private reset(): SchoolChange[] {
    this.current = this.initial;
    this.history = [];
    this.keys.clearCaches();
    this.faults.clear();
    return this.commit(this.initial, [{ type: 'scenario', day: this.initial.today, name: 'reset' }]);
  }

  private commit(data: SchoolData, changes: readonly NewChange[]): SchoolChange[] {
    this.current = data;
    const numbered = changes.map(
      (change, index) => ({ ...change, seq: this.history.length + index + 1 }) as SchoolChange,
    );
    this.history.push(...numbered);
    return numbered;
  }
}
