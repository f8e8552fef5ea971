import { Registry } from 'prom-client';
import { METRICS } from './metric-catalog';
import { counterOn, createMetricsRegistry, gaugeOn } from './metrics';

describe('metrics', () => {
  it('labels every series with the app and exposes the build', async () => {
    const text = await createMetricsRegistry('importer').metrics();
    expect(text).toMatch(/^isams_sync_build_info\{version="[^"]+",revision="[^"]+",app="importer"\} 1$/m);
  });

  it('registers a metric once per registry, whoever asks first', () => {
    const registry = new Registry();
    expect(counterOn(registry, METRICS.runs)).toBe(counterOn(registry, METRICS.runs));
  });

  it('a scrape-time gauge that fails or hangs keeps its last values and the scrape still answers', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const registry = new Registry();
      let mode: 'ok' | 'fail' | 'hang' = 'ok';
      gaugeOn(registry, METRICS.schoolRunsHeld, async (gauge) => {
        if (mode === 'fail') throw new Error('database down');
        if (mode === 'hang') await new Promise(() => undefined);
        gauge.reset();
        gauge.set({ school: 's1' }, 2);
      });
      expect(await registry.metrics()).toContain('isams_sync_school_runs_held{school="s1"} 2');
      mode = 'fail';
      expect(await registry.metrics()).toContain('isams_sync_school_runs_held{school="s1"} 2');
      mode = 'hang';
      const scrape = registry.metrics();
      await jest.advanceTimersByTimeAsync(3_000);
      expect(await scrape).toContain('isams_sync_school_runs_held{school="s1"} 2');
    } finally {
      jest.useRealTimers();
    }
  });
});
