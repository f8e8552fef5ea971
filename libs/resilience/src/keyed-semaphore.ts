/** Gives back a slot. Calling it more than once is harmless. */
export type Release = () => void;

/** At most `limit` holders at once; waiters are served first come, first served. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('a semaphore limit must be a positive integer');
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async acquire(): Promise<Release> {
    if (this.active < this.limit) {
      this.active += 1;
    } else {
      // the slot is handed over directly by release(), so `active` never dips and a newcomer cannot jump the queue
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

/** One Semaphore per key (e.g. per school), created on first use and dropped when idle. */
export class KeyedSemaphore {
  private readonly semaphores = new Map<string, Semaphore>();

  constructor(readonly limitPerKey: number) {
    if (!Number.isInteger(limitPerKey) || limitPerKey < 1)
      throw new RangeError('a semaphore limit must be a positive integer');
  }

  async acquire(key: string): Promise<Release> {
    let semaphore = this.semaphores.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.limitPerKey);
      this.semaphores.set(key, semaphore);
    }
    const release = await semaphore.acquire();
    const owner = semaphore;
    return () => {
      release();
      if (owner.inUse === 0 && owner.queued === 0 && this.semaphores.get(key) === owner) this.semaphores.delete(key);
    };
  }

  inUse(key: string): number {
    return this.semaphores.get(key)?.inUse ?? 0;
  }
}
