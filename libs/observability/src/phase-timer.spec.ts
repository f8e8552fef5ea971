import { PhaseTimer } from './phase-timer';

describe('PhaseTimer', () => {
  let now = 0;
  beforeEach(() => {
    now = 1000;
    jest.spyOn(performance, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('gives each phase the time since the previous lap, and the total', () => {
    const timer = new PhaseTimer();
    now += 120.4;
    timer.lap('load');
    now += 30.6;
    timer.lap('plan');
    now += 5;
    expect(timer.toJSON()).toEqual({ load: 120, plan: 31, total: 156 });
  });

  it('adds up a phase measured more than once', () => {
    const timer = new PhaseTimer();
    now += 10;
    timer.lap('write');
    now += 5;
    timer.lap('read');
    now += 10;
    timer.lap('write');
    expect(timer.toJSON()).toEqual({ write: 20, read: 5, total: 25 });
  });
});
