import Ajv, { type JSONSchemaType } from 'ajv';
import { DURATION } from './service-monitor.schema';

/**
 * The Prometheus Operator's PrometheusRule (monitoring.coreos.com/v1), a CRD like the ServiceMonitor: the fields of
 * its OpenAPI schema for rule groups, written from the operator's API reference, so alerting rules added to
 * k8s/base are validated like every other object. A rule has an `expr` and exactly one of `alert` and `record`
 * (what the operator's admission webhook enforces); unknown fields are refused so a typo such as `annotation`
 * fails here instead of being dropped silently in the cluster.
 */
export interface PrometheusRule {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'PrometheusRule';
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { groups: RuleGroup[] };
}

interface RuleGroup {
  name: string;
  interval?: string;
  query_offset?: string;
  limit?: number;
  partial_response_strategy?: string;
  labels?: Record<string, string>;
  rules: Rule[];
}

interface Rule {
  alert?: string;
  record?: string;
  expr: string | number;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const LABELS = { type: 'object', additionalProperties: { type: 'string' }, required: [], nullable: true } as const;
const DURATION_FIELD = { type: 'string', pattern: DURATION, nullable: true } as const;

const schema: JSONSchemaType<PrometheusRule> = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', const: 'monitoring.coreos.com/v1' },
    kind: { type: 'string', const: 'PrometheusRule' },
    metadata: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        namespace: { type: 'string', nullable: true },
        labels: LABELS,
        annotations: LABELS,
      },
    },
    spec: {
      type: 'object',
      required: ['groups'],
      additionalProperties: false,
      properties: {
        groups: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name', 'rules'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', minLength: 1 },
              interval: DURATION_FIELD,
              query_offset: DURATION_FIELD,
              limit: { type: 'integer', nullable: true },
              partial_response_strategy: { type: 'string', nullable: true },
              labels: LABELS,
              rules: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  required: ['expr'],
                  additionalProperties: false,
                  // exactly one of alert and record
                  oneOf: [{ required: ['alert'] }, { required: ['record'] }],
                  properties: {
                    alert: { type: 'string', minLength: 1, nullable: true },
                    record: { type: 'string', minLength: 1, nullable: true },
                    expr: { type: ['string', 'integer'], minLength: 1 } as unknown as JSONSchemaType<string | number>,
                    for: DURATION_FIELD,
                    keep_firing_for: DURATION_FIELD,
                    labels: LABELS,
                    annotations: LABELS,
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const validate = new Ajv({ allErrors: true, strictTypes: false }).compile(schema);

/** Whether a document claims to be a PrometheusRule (its apiVersion and kind), valid or not. */
export function isPrometheusRule(doc: unknown): doc is PrometheusRule {
  if (typeof doc !== 'object' || doc === null) return false;
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  return apiVersion === 'monitoring.coreos.com/v1' && kind === 'PrometheusRule';
}

/** Errors of a PrometheusRule against the schema above, as `path message` lines; empty when it is valid. */
export function prometheusRuleSchemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((error) => `data${error.instancePath} ${error.message ?? 'is invalid'}`);
}
