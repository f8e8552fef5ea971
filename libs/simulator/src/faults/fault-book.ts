import type { Dataset } from '@isams-sync/isams';
import { defaultPaths, validateFault, type ActiveFault, type FaultKind, type FaultSpec } from './fault';

/** What a request looks like to fault matching. */
export interface FaultTarget {
  path: string;
  apiKey?: string;
  dataset?: Dataset | 'registration';
}

/** The faults switched on at run time, matched against each request in the order they were set. */
export class FaultBook {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly tokenPath: () => string) {}

  add(input: unknown): ActiveFault {
    const spec = validateFault(input);
    const fault: ActiveFault = {
      ...spec,
      paths: spec.paths ?? defaultPaths(spec.kind, this.tokenPath()),
      id: this.nextId++,
      hits: 0,
    };
    this.faults.push(fault);
    return { ...fault };
  }

  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length < before;
  }

  clear(): number {
    const cleared = this.faults.length;
    this.faults = [];
    return cleared;
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /**
   * The faults to apply to this request: every matching latency fault, plus the first matching fault
   * of any other kind. Each one applied uses up one of its `count`.
   */
  take(target: FaultTarget): ActiveFault[] {
    const matching = this.faults.filter((fault) => matches(fault, target));
    const delay = matching.filter((fault) => fault.kind === 'latency');
    const other = matching.find((fault) => fault.kind !== 'latency');
    const applied = other ? [...delay, other] : delay;
    for (const fault of applied) {
      fault.hits++;
      if (fault.count !== undefined && fault.hits >= fault.count) this.remove(fault.id);
    }
    return applied.map((fault) => ({ ...fault }));
  }
}

function matches(fault: FaultSpec, target: FaultTarget): boolean {
  const path = target.path.toLowerCase();
  if (!(fault.paths ?? []).some((prefix) => path.startsWith(prefix.toLowerCase()))) return false;
  if (fault.apiKeys && !fault.apiKeys.some((key) => key.toLowerCase() === target.apiKey?.toLowerCase())) return false;
  if (fault.datasets && !(target.dataset && (fault.datasets as readonly string[]).includes(target.dataset)))
    return false;
  return true;
}

export function findFault(faults: readonly ActiveFault[], kind: FaultKind): ActiveFault | undefined {
  return faults.find((fault) => fault.kind === kind);
}
