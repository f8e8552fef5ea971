import { kubernetesSchemaErrors } from './kubernetes-schema.validator';

// The alerting rules (k8s/base/isams-sync.prometheusrule.yaml) are not in k8s/ yet; these rows show that the
// schema they will be checked against accepts a well-formed rule file and catches the usual mistakes.
function ruleFile(rule: Record<string, unknown>, group: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'isams-sync', labels: { 'app.kubernetes.io/part-of': 'isams-sync' } },
    spec: { groups: [{ name: 'isams-sync', interval: '1m', rules: [rule], ...group }] },
  };
}

const alert = {
  alert: 'IsamsBreakerOpen',
  expr: 'max by (school) (isams_breaker_state) == 2',
  for: '15m',
  labels: { severity: 'warning' },
  annotations: { summary: 'iSAMS calls for {{ $labels.school }} are failing' },
};

describe('PrometheusRule schema', () => {
  it.each([
    ['an alert', ruleFile(alert)],
    ['a recording rule', ruleFile({ record: 'isams:calls:rate5m', expr: 'sum(rate(isams_calls_total[5m]))' })],
  ])('accepts %s', (_what, doc) => {
    expect(kubernetesSchemaErrors(doc)).toEqual([]);
  });

  it.each([
    ['a rule without expr', ruleFile({ alert: 'X' }), "must have required property 'expr'"],
    [
      'a rule that is both alert and record',
      ruleFile({ ...alert, record: 'x:y' }),
      'must match exactly one schema in oneOf',
    ],
    ['a rule that is neither', ruleFile({ expr: 'up == 0' }), 'must match exactly one schema in oneOf'],
    [
      'a misspelt field',
      ruleFile({ ...alert, annotation: {} }),
      'data/spec/groups/0/rules/0 must NOT have additional properties',
    ],
    [
      'a duration in words',
      ruleFile({ ...alert, for: '15 minutes' }),
      'data/spec/groups/0/rules/0/for must match pattern',
    ],
    [
      'a group without rules',
      ruleFile(alert, { rules: [] }),
      'data/spec/groups/0/rules must NOT have fewer than 1 items',
    ],
  ])('refuses %s', (_what, doc, expected) => {
    expect(kubernetesSchemaErrors(doc)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});
