import Ajv, { type JSONSchemaType } from 'ajv';

/**
 * The Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1) is a CRD, so kubernetes-models has no
 * schema for it and none can be downloaded here. This is the part of the CRD's OpenAPI schema for the fields the
 * manifests use, written from the operator's API reference: `spec.selector` is required, an endpoint names a
 * Service port, `interval` and `scrapeTimeout` are Prometheus durations. Unlike the API server (which prunes or,
 * with strict field validation, refuses unknown fields), anything outside this subset is refused, so a typo such
 * as `intervall` fails here instead of being dropped silently in the cluster. Widen it when a manifest needs more.
 */
export interface ServiceMonitor {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'ServiceMonitor';
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    selector: { matchLabels: Record<string, string> };
    namespaceSelector?: { matchNames?: string[]; any?: boolean };
    endpoints: ServiceMonitorEndpoint[];
  };
}

export interface ServiceMonitorEndpoint {
  port: string;
  path?: string;
  scheme?: 'http' | 'https';
  interval?: string;
  scrapeTimeout?: string;
}

/** The Prometheus Operator CRDs' pattern for a Prometheus duration (monitoringv1.Duration). */
export const DURATION = '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$';
const LABELS = { type: 'object', additionalProperties: { type: 'string' }, required: [] } as const;

const schema: JSONSchemaType<ServiceMonitor> = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string', const: 'monitoring.coreos.com/v1' },
    kind: { type: 'string', const: 'ServiceMonitor' },
    metadata: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        namespace: { type: 'string', nullable: true },
        labels: { ...LABELS, nullable: true },
        annotations: { ...LABELS, nullable: true },
      },
    },
    spec: {
      type: 'object',
      required: ['selector', 'endpoints'],
      additionalProperties: false,
      properties: {
        selector: {
          type: 'object',
          required: ['matchLabels'],
          additionalProperties: false,
          properties: { matchLabels: { ...LABELS, minProperties: 1 } },
        },
        namespaceSelector: {
          type: 'object',
          nullable: true,
          required: [],
          additionalProperties: false,
          properties: {
            matchNames: { type: 'array', items: { type: 'string' }, nullable: true },
            any: { type: 'boolean', nullable: true },
          },
        },
        endpoints: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['port'],
            additionalProperties: false,
            properties: {
              port: { type: 'string', minLength: 1 },
              path: { type: 'string', pattern: '^/', nullable: true },
              scheme: { type: 'string', enum: ['http', 'https'], nullable: true },
              interval: { type: 'string', pattern: DURATION, nullable: true },
              scrapeTimeout: { type: 'string', pattern: DURATION, nullable: true },
            },
          },
        },
      },
    },
  },
};

const validate = new Ajv({ allErrors: true }).compile(schema);

/** Whether a document claims to be a ServiceMonitor (its apiVersion and kind), valid or not. */
export function isServiceMonitor(doc: unknown): doc is ServiceMonitor {
  if (typeof doc !== 'object' || doc === null) return false;
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  return apiVersion === 'monitoring.coreos.com/v1' && kind === 'ServiceMonitor';
}

/** Errors of a ServiceMonitor against the schema above, as `path message` lines; empty when it is valid. */
export function serviceMonitorSchemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((error) => `data${error.instancePath} ${error.message ?? 'is invalid'}`);
}
