import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { isPrometheusRule, prometheusRuleSchemaErrors } from './prometheus-rule.schema';
import { isServiceMonitor, serviceMonitorSchemaErrors } from './service-monitor.schema';

/** The part of a kubernetes-models class this check needs: its apiVersion/kind guard and its validator. */
interface KubernetesModelClass<T> {
  is(value: unknown): value is T;
  new (data: T): { validate(): void };
}

function validateAs<T>(model: KubernetesModelClass<T>, doc: unknown): string[] | undefined {
  if (!model.is(doc)) {
    return undefined;
  }
  try {
    new model(doc).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

// Only the kinds k8s/ uses. A new kind fails the test until it is added here, so nothing goes unvalidated.
const VALIDATORS: ReadonlyArray<(doc: unknown) => string[] | undefined> = [
  (doc) => validateAs(Namespace, doc),
  (doc) => validateAs(ConfigMap, doc),
  (doc) => validateAs(Secret, doc),
  (doc) => validateAs(Service, doc),
  (doc) => validateAs(Deployment, doc),
  (doc) => validateAs(Job, doc),
  (doc) => validateAs(PodDisruptionBudget, doc),
  (doc) => validateAs(NetworkPolicy, doc),
  (doc) => validateAs(HorizontalPodAutoscaler, doc),
  // A CRD, not in kubernetes-models: checked against the subset of its schema in service-monitor.schema.ts.
  (doc) => (isServiceMonitor(doc) ? serviceMonitorSchemaErrors(doc) : undefined),
  // Also a CRD: the alerting rules that belong in k8s/base (isams-sync.prometheusrule.yaml).
  (doc) => (isPrometheusRule(doc) ? prometheusRuleSchemaErrors(doc) : undefined),
];

/**
 * Errors of one manifest against the Kubernetes OpenAPI schema (types, required fields, enums), offline.
 * Like the API server's schema, it does not reject unknown fields: the house rules cover the fields we rely on.
 */
export function kubernetesSchemaErrors(doc: unknown): string[] {
  for (const validate of VALIDATORS) {
    const errors = validate(doc);
    if (errors) {
      return errors;
    }
  }
  return [`no kubernetes-models class registered for ${describeTypeMeta(doc)}`];
}

function describeTypeMeta(doc: unknown): string {
  if (typeof doc !== 'object' || doc === null) {
    return 'a document that is not an object';
  }
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  return `apiVersion ${String(apiVersion)}, kind ${String(kind)}`;
}
