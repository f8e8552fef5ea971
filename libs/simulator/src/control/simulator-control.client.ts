import type { KeyConfig, KeyConfigPatch, KeyName } from '../keys/key-registry';
import type { SchoolChange } from '../model/school-change';
import type { PupilRecord } from '../model/school-data';
import type { SchoolInfo } from '../school/simulated-school';

/** What `POST /_sim/day/advance` answers. */
export interface DayAdvance {
  today: string;
  registers: { am: number; pm: number };
  changes: SchoolChange[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Drives a running simulator (apps/isams-simulator, usually another process) through its `/_sim/` control API,
 * typed by the school model. A refused request is an error naming the call, the status and the simulator's reason.
 */
export class SimulatorControlClient {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** The school's keys, REST credentials, today's registers (`GET /_sim/school`). */
  school(): Promise<SchoolInfo> {
    return this.call('GET', 'school');
  }

  /** The next school day(s) with their changes; the simulator's clock moves 24 h a day. */
  advanceDay(days = 1): Promise<DayAdvance> {
    return this.call('POST', 'day/advance', { days });
  }

  /** Changes one key's settings (e.g. `{ cacheSeconds: 0 }`) and answers its configuration. */
  configureKey(name: KeyName, patch: KeyConfigPatch): Promise<KeyConfig> {
    return this.call('PUT', `keys/${name}`, patch);
  }

  /** The current pupils as the simulator holds them (the truth a sync is checked against). */
  pupils(): Promise<PupilRecord[]> {
    return this.call('GET', 'truth/pupils');
  }

  private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const where = `${method} ${this.baseUrl}/_sim/${route}`;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/_sim/${route}`, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(`${where}: the simulator did not answer (${(error as Error).message}); is it running?`);
    }
    const text = await res.text();
    if (!res.ok) {
      let reason = text.slice(0, 300);
      try {
        reason = (JSON.parse(text) as { error?: string }).error ?? reason;
      } catch {
        // not JSON: keep the text as it came
      }
      throw new Error(`${where} answered ${res.status}: ${reason}`);
    }
    return JSON.parse(text) as T;
  }
}
