import { metricNamesIn } from './promql-metric-names';

describe('metricNamesIn', () => {
  it.each([
    ['a bare metric', 'up', ['up']],
    ['label matchers are not names', 'isams_sync_ready{app="importer",instance=~"a.*"} == 0', ['isams_sync_ready']],
    [
      'functions and aggregations are not names',
      'sum by (outcome, trigger) (increase(isams_sync_runs_total[1h]))',
      ['isams_sync_runs_total'],
    ],
    [
      'histogram quantiles read the bucket series',
      'histogram_quantile(0.95, sum by (le) (rate(isams_sync_run_duration_seconds_bucket[5m])))',
      ['isams_sync_run_duration_seconds_bucket'],
    ],
    [
      'set operators, offset and time()',
      'a_metric > (a_metric offset 15m) and min_over_time(b_metric[15m]) > 0 or vector(0)',
      ['a_metric', 'b_metric'],
    ],
    ['arithmetic with numbers', '(time() - max by (school) (x_seconds)) / 3600 > 26 * 3600', ['x_seconds']],
    ['a misspelt metric is reported', 'rate(isams_sync_nope_total[5m])', ['isams_sync_nope_total']],
    ['strings with braces inside', 'count by (app) (label_replace(m, "dst", "{x}", "src", "(.*)"))', ['m']],
  ])('%s', (_name, expr, expected) => {
    expect(metricNamesIn(expr)).toEqual(expected);
  });
});
