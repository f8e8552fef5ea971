import { ThrottleWindow } from './throttle-window';

describe('ThrottleWindow', () => {
  it('allows N requests per window, refuses the rest, and opens a new window when it ends', () => {
    const window = new ThrottleWindow({ limit: 2, windowSeconds: 60, retryAfterSeconds: 30 });
    expect(window.admit(0)).toEqual({ allowed: true });
    expect(window.admit(1000)).toEqual({ allowed: true });
    expect(window.admit(2000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(window.admit(59_999)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(window.admit(60_000)).toEqual({ allowed: true });
  });

  it('omits Retry-After when none is configured', () => {
    const window = new ThrottleWindow({ limit: 0, windowSeconds: 1 });
    expect(window.admit(0)).toEqual({ allowed: false, retryAfterSeconds: undefined });
  });

  it.each([
    [{ limit: -1, windowSeconds: 1 }, 'limit'],
    [{ limit: 1.5, windowSeconds: 1 }, 'limit'],
    [{ limit: 1, windowSeconds: 0 }, 'windowSeconds'],
    [{ limit: 1, windowSeconds: 1, retryAfterSeconds: -2 }, 'retryAfterSeconds'],
  ])('refuses %j', (config, field) => {
    expect(() => new ThrottleWindow(config)).toThrow(field);
  });
});
