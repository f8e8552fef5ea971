import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job, type IJob } from 'kubernetes-models/batch/v1';
import { NetworkPolicy, type INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget, type IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  Namespace,
  Secret,
  Service,
  type IConfigMap,
  type IContainer,
  type INamespace,
  type IPodTemplateSpec,
  type IProbe,
  type ISecret,
  type IService,
} from 'kubernetes-models/v1';
import { isServiceMonitor, type ServiceMonitor } from './service-monitor.schema';

/** One YAML document and where it came from (a file, or the overlay kustomize rendered it from). */
export interface ManifestDocument {
  readonly file: string;
  readonly doc: unknown;
}

export interface ManifestSet {
  readonly namespaces: readonly INamespace[];
  readonly deployments: readonly IDeployment[];
  readonly jobs: readonly IJob[];
  readonly services: readonly IService[];
  readonly configMaps: readonly IConfigMap[];
  readonly secrets: readonly ISecret[];
  readonly podDisruptionBudgets: readonly IPodDisruptionBudget[];
  readonly networkPolicies: readonly INetworkPolicy[];
  readonly autoscalers: readonly IHorizontalPodAutoscaler[];
  readonly serviceMonitors: readonly ServiceMonitor[];
}

/** Anything that runs pods from a template: the four apps' Deployments and the index Job. */
export interface Workload {
  readonly kind: 'Deployment' | 'Job';
  readonly name: string;
  readonly namespace?: string;
  readonly template?: IPodTemplateSpec;
}

export const HEALTH_PATHS = { live: '/health/live', ready: '/health/ready', metrics: '/metrics' } as const;

/** Variables that carry credentials or key material: they may only come from a Secret. */
export const SECRET_VARIABLES = ['AMQP_URL', 'MONGO_URL', 'SECRETS_KEY'] as const;

/** V8 needs headroom outside its old space (code, buffers, new space): keep the heap within this share of the limit. */
const MAX_HEAP_SHARE_OF_MEMORY_LIMIT = 0.75;

export function groupByKind(documents: readonly ManifestDocument[]): ManifestSet {
  const docs = documents.map(({ doc }) => doc);
  return {
    namespaces: docs.filter(Namespace.is),
    deployments: docs.filter(Deployment.is),
    jobs: docs.filter(Job.is),
    services: docs.filter(Service.is),
    configMaps: docs.filter(ConfigMap.is),
    secrets: docs.filter(Secret.is),
    podDisruptionBudgets: docs.filter(PodDisruptionBudget.is),
    networkPolicies: docs.filter(NetworkPolicy.is),
    autoscalers: docs.filter(HorizontalPodAutoscaler.is),
    serviceMonitors: docs.filter(isServiceMonitor),
  };
}

export function workloadsOf(set: ManifestSet): Workload[] {
  return [
    ...set.deployments.map((d) => ({
      kind: 'Deployment' as const,
      name: d.metadata?.name ?? '?',
      namespace: d.metadata?.namespace,
      template: d.spec?.template,
    })),
    ...set.jobs.map((j) => ({
      kind: 'Job' as const,
      name: j.metadata?.name ?? '?',
      namespace: j.metadata?.namespace,
      template: j.spec?.template,
    })),
  ];
}

/** The pod-level and container-level rules every workload keeps, each broken rule as one readable sentence. */
export function workloadViolations(set: ManifestSet): string[] {
  return [
    ...set.deployments.flatMap(deploymentViolations),
    ...workloadsOf(set).flatMap((workload) => [
      ...podViolations(workload),
      ...containersOf(workload).flatMap((container) => containerViolations(workload, container)),
    ]),
  ];
}

export function containersOf(workload: Workload): IContainer[] {
  return workload.template?.spec?.containers ?? [];
}

export function podLabelsOf(workload: Workload): Record<string, string> {
  return workload.template?.metadata?.labels ?? {};
}

export function label(workload: Workload, container?: IContainer): string {
  const name = `${workload.kind}/${workload.name}`;
  return container ? `${name} container ${container.name}` : name;
}

export function asWorkload(deployment: IDeployment): Workload {
  return {
    kind: 'Deployment',
    name: deployment.metadata?.name ?? '?',
    namespace: deployment.metadata?.namespace,
    template: deployment.spec?.template,
  };
}

function deploymentViolations(deployment: IDeployment): string[] {
  const where = label(asWorkload(deployment));
  const template = deployment.spec?.template;
  const podLabels = template?.metadata?.labels ?? {};
  const matchLabels = deployment.spec?.selector.matchLabels ?? {};
  const annotations = template?.metadata?.annotations ?? {};
  const violations: string[] = [];
  if (Object.keys(matchLabels).length === 0 || !isSubset(matchLabels, podLabels)) {
    violations.push(`${where}: selector.matchLabels must be non-empty and match the pod template's labels`);
  }
  const containers = containersOf(asWorkload(deployment));
  const ports = containers.flatMap((c) => c.ports ?? []).map((p) => String(p.containerPort));
  if (
    annotations['prometheus.io/scrape'] !== 'true' ||
    annotations['prometheus.io/path'] !== HEALTH_PATHS.metrics ||
    !ports.includes(annotations['prometheus.io/port'] ?? '')
  ) {
    violations.push(
      `${where}: pod needs prometheus.io/scrape "true", /path ${HEALTH_PATHS.metrics}, /port = a container port`,
    );
  }
  for (const container of containers) {
    const probeProblem = (kind: 'livenessProbe' | 'readinessProbe', path: string): void => {
      if (!probeHits(container[kind], container, path)) {
        violations.push(
          `${label(asWorkload(deployment), container)}: ${kind} must be an httpGet on ${path} at one of the container's ports`,
        );
      }
    };
    probeProblem('livenessProbe', HEALTH_PATHS.live);
    probeProblem('readinessProbe', HEALTH_PATHS.ready);
  }
  return violations;
}

function podViolations(workload: Workload): string[] {
  const where = label(workload);
  const pod = workload.template?.spec;
  const violations: string[] = [];
  if (pod?.securityContext?.runAsNonRoot !== true) {
    violations.push(`${where}: pod securityContext.runAsNonRoot must be true`);
  }
  if (pod?.automountServiceAccountToken !== false) {
    violations.push(`${where}: automountServiceAccountToken must be false (the apps never call the Kubernetes API)`);
  }
  if (containersOf(workload).length === 0) {
    violations.push(`${where}: has no containers`);
  }
  return violations;
}

export function containerViolations(workload: Workload, container: IContainer): string[] {
  const where = label(workload, container);
  const podSecurity = workload.template?.spec?.securityContext;
  const security = container.securityContext;
  const { requests = {}, limits = {} } = container.resources ?? {};
  const violations: string[] = [];
  for (const resource of ['cpu', 'memory']) {
    if (requests[resource] === undefined || limits[resource] === undefined) {
      violations.push(`${where}: resources.requests and resources.limits must both set ${resource}`);
    }
  }
  if ((security?.runAsNonRoot ?? podSecurity?.runAsNonRoot) !== true) {
    violations.push(`${where}: runAsNonRoot must be true`);
  }
  if ((security?.runAsUser ?? podSecurity?.runAsUser) === 0) {
    violations.push(`${where}: must not run as user 0`);
  }
  if (security?.allowPrivilegeEscalation !== false) {
    violations.push(`${where}: securityContext.allowPrivilegeEscalation must be false`);
  }
  if (security?.readOnlyRootFilesystem !== true) {
    violations.push(`${where}: securityContext.readOnlyRootFilesystem must be true`);
  }
  if (!(security?.capabilities?.drop ?? []).includes('ALL')) {
    violations.push(`${where}: securityContext.capabilities.drop must include ALL`);
  }
  return [...violations, ...heapViolations(where, container)];
}

function probeHits(probe: IProbe | undefined, container: IContainer, path: string): boolean {
  const httpGet = probe?.httpGet;
  return httpGet?.path === path && resolvesToContainerPort(httpGet.port, container);
}

export function resolvesToContainerPort(port: string | number | undefined, container: IContainer): boolean {
  return (container.ports ?? []).some((p) => p.containerPort === port || (p.name !== undefined && p.name === port));
}

/** NODE_OPTIONS must cap V8's old space below the container's memory limit, or the OOM killer acts before GC. */
function heapViolations(where: string, container: IContainer): string[] {
  const nodeOptions = container.env?.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '';
  const heapMiB = Number(/--max-old-space-size=(\d+)/.exec(nodeOptions)?.[1]);
  const limit = container.resources?.limits?.memory;
  const limitMiB = limit === undefined ? Number.NaN : mebibytes(limit);
  if (!Number.isFinite(heapMiB) || !Number.isFinite(limitMiB) || heapMiB > limitMiB * MAX_HEAP_SHARE_OF_MEMORY_LIMIT) {
    return [
      `${where}: NODE_OPTIONS --max-old-space-size must be set to at most ` +
        `${MAX_HEAP_SHARE_OF_MEMORY_LIMIT * 100}% of the memory limit`,
    ];
  }
  return [];
}

const BINARY_SUFFIX_MIB: Readonly<Record<string, number>> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 };

/** A Kubernetes memory quantity in MiB; NaN for forms the manifests here do not use (decimal suffixes, exponents). */
export function mebibytes(quantity: string | number): number {
  if (typeof quantity === 'number') {
    return quantity / (1024 * 1024);
  }
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) {
    return Number.NaN;
  }
  const [, amount, suffix] = match;
  return suffix === undefined ? Number(amount) / (1024 * 1024) : Number(amount) * BINARY_SUFFIX_MIB[suffix];
}

/**
 * The value a container sees for a variable: its own literal `env` entry wins over the ConfigMaps it reads with
 * `envFrom` (as in Kubernetes); undefined when neither sets it (the app's default applies).
 */
export function effectiveVariable(
  container: IContainer,
  configMaps: readonly IConfigMap[],
  name: string,
): string | undefined {
  const own = container.env?.find((e) => e.name === name);
  if (own) return own.value;
  const sources = (container.envFrom ?? [])
    .map((s) => s.configMapRef?.name)
    .filter((n): n is string => n !== undefined);
  return configMaps
    .filter((c) => sources.includes(c.metadata?.name ?? ''))
    .map((c) => c.data?.[name])
    .find((v) => v !== undefined);
}

export function isSubset(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** A label selector with only matchLabels, as every selector here is, selects the pods whose labels include them all. */
export function selects(matchLabels: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return matchLabels !== undefined && Object.keys(matchLabels).length > 0 && isSubset(matchLabels, labels);
}
