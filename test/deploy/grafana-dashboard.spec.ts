import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS, seriesNames } from '@isams-sync/observability';
import { metricNamesIn } from './promql-metric-names';

const DASHBOARD = join(__dirname, '..', '..', 'docs', 'grafana', 'isams-sync.json');

interface Panel {
  title: string;
  targets?: Array<{ expr: string }>;
  panels?: Panel[];
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[] };
const panels = (list: Panel[]): Panel[] => list.flatMap((p) => [p, ...panels(p.panels ?? [])]);
const queries = panels(dashboard.panels).flatMap((p) =>
  (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })),
);

/** What the apps expose: the catalog they register from (histograms as their three series), and Prometheus' own `up`. */
const EXPOSED = new Set([...Object.values(METRICS).flatMap(seriesNames), 'up']);

describe('Grafana dashboard (docs/grafana/isams-sync.json)', () => {
  it('has queries', () => {
    expect(dashboard.uid).toBe('isams-sync');
    expect(queries.length).toBeGreaterThan(15);
  });

  it.each(queries.map((q) => [q.panel, q.expr]))('%s: %s names only metrics the apps expose', (_panel, expr) => {
    const names = metricNamesIn(expr);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !EXPOSED.has(n))).toEqual([]);
  });

  it('shows what the issue asks for: freshness, outcomes, durations, held runs, breakers, dead letters, attendance', () => {
    const all = queries.map((q) => q.expr).join('\n');
    for (const metric of [
      METRICS.schoolLastSuccess,
      METRICS.runs,
      METRICS.runDuration,
      METRICS.stepDuration,
      METRICS.schoolRunsHeld,
      METRICS.breakers,
      METRICS.schoolBreakerOpen,
      METRICS.deadLetterMessages,
      METRICS.attendancePulls,
    ]) {
      expect(all).toContain(metric.name);
    }
  });
});
