import { KeyedSemaphore, Semaphore } from './keyed-semaphore';

describe('Semaphore', () => {
  it('admits up to the limit and serves waiters in order', async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const order: string[] = [];
    const c = semaphore.acquire().then((release) => (order.push('c'), release));
    const d = semaphore.acquire().then((release) => (order.push('d'), release));
    expect(semaphore.queued).toBe(2);
    a();
    a(); // twice is harmless: it must not free a second slot
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(semaphore.inUse).toBe(2);
    b();
    await d;
    expect(order).toEqual(['c', 'd']);
    releaseC();
    expect(semaphore.inUse).toBe(1);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %p', (limit) => {
    expect(() => new Semaphore(limit)).toThrow(RangeError);
    expect(() => new KeyedSemaphore(limit)).toThrow(RangeError);
  });
});

describe('KeyedSemaphore', () => {
  it('limits each key on its own and forgets idle keys', async () => {
    const semaphore = new KeyedSemaphore(1);
    const a = await semaphore.acquire('a');
    const b = await semaphore.acquire('b');
    expect(semaphore.inUse('a')).toBe(1);
    let secondA = false;
    const pending = semaphore.acquire('a').then((release) => ((secondA = true), release));
    await Promise.resolve();
    expect(secondA).toBe(false);
    a();
    const releaseSecond = await pending;
    expect(secondA).toBe(true);
    releaseSecond();
    b();
    expect(semaphore.inUse('a')).toBe(0);
    expect(semaphore.inUse('b')).toBe(0);
  });
});
