import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import {
  ConfigMap,
  Secret,
  Service,
  type IConfigMap,
  type IContainer,
  type IProbe,
  type ISecret,
  type IService,
} from 'kubernetes-models/v1';

/** One YAML document and the file it came from. */
export interface ManifestDocument {
  readonly file: string;
  readonly doc: unknown;
}

export interface ManifestSet {
  readonly deployments: readonly IDeployment[];
  readonly services: readonly IService[];
  readonly configMaps: readonly IConfigMap[];
  readonly secrets: readonly ISecret[];
}

export const HEALTH_PATHS = { live: '/health/live', ready: '/health/ready', metrics: '/metrics' } as const;

/** Variables that carry credentials or key material: they may only come from a Secret. */
export const SECRET_VARIABLES = ['AMQP_URL', 'MONGO_URL', 'SECRETS_KEY'] as const;

/** The apps' own default when SHUTDOWN_TIMEOUT_MS is not set. */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** V8 needs headroom outside its old space (code, buffers, new space): keep the heap within this share of the limit. */
const MAX_HEAP_SHARE_OF_MEMORY_LIMIT = 0.75;

export function groupByKind(documents: readonly ManifestDocument[]): ManifestSet {
  const docs = documents.map(({ doc }) => doc);
  return {
    deployments: docs.filter(Deployment.is),
    services: docs.filter(Service.is),
    configMaps: docs.filter(ConfigMap.is),
    secrets: docs.filter(Secret.is),
  };
}

/** Every house rule broken by the set, each as one readable sentence; empty when all hold. */
export function houseRuleViolations(set: ManifestSet): string[] {
  const shutdownTimeoutMs = shutdownTimeoutOf(set);
  return [
    ...set.deployments.flatMap((deployment) => [
      ...deploymentViolations(deployment, shutdownTimeoutMs),
      ...containersOf(deployment).flatMap((container) => containerViolations(deployment, container)),
    ]),
    ...serviceViolations(set),
    ...referenceViolations(set),
  ];
}

export function containersOf(deployment: IDeployment): IContainer[] {
  return deployment.spec?.template.spec?.containers ?? [];
}

function label(deployment: IDeployment, container?: IContainer): string {
  const name = `Deployment/${deployment.metadata?.name ?? '?'}`;
  return container ? `${name} container ${container.name}` : name;
}

function shutdownTimeoutOf(set: ManifestSet): number {
  const configured = set.configMaps.map((configMap) => configMap.data?.SHUTDOWN_TIMEOUT_MS).find((v) => v !== undefined);
  return configured === undefined ? DEFAULT_SHUTDOWN_TIMEOUT_MS : Number(configured);
}

function deploymentViolations(deployment: IDeployment, shutdownTimeoutMs: number): string[] {
  const where = label(deployment);
  const template = deployment.spec?.template;
  const podLabels = template?.metadata?.labels ?? {};
  const matchLabels = deployment.spec?.selector.matchLabels ?? {};
  const annotations = template?.metadata?.annotations ?? {};
  const grace = template?.spec?.terminationGracePeriodSeconds;
  const violations: string[] = [];
  if (Object.keys(matchLabels).length === 0 || !isSubset(matchLabels, podLabels)) {
    violations.push(`${where}: selector.matchLabels must be non-empty and match the pod template's labels`);
  }
  if (grace === undefined || grace * 1000 <= shutdownTimeoutMs) {
    violations.push(`${where}: terminationGracePeriodSeconds must be above SHUTDOWN_TIMEOUT_MS (${shutdownTimeoutMs} ms)`);
  }
  if (template?.spec?.securityContext?.runAsNonRoot !== true) {
    violations.push(`${where}: pod securityContext.runAsNonRoot must be true`);
  }
  const ports = containersOf(deployment).flatMap((c) => c.ports ?? []).map((p) => String(p.containerPort));
  if (
    annotations['prometheus.io/scrape'] !== 'true' ||
    annotations['prometheus.io/path'] !== HEALTH_PATHS.metrics ||
    !ports.includes(annotations['prometheus.io/port'] ?? '')
  ) {
    violations.push(`${where}: pod needs prometheus.io/scrape "true", /path ${HEALTH_PATHS.metrics}, /port = a container port`);
  }
  if (containersOf(deployment).length === 0) {
    violations.push(`${where}: has no containers`);
  }
  return violations;
}

export function containerViolations(deployment: IDeployment, container: IContainer): string[] {
  const where = label(deployment, container);
  const podSecurity = deployment.spec?.template.spec?.securityContext;
  const security = container.securityContext;
  const { requests = {}, limits = {} } = container.resources ?? {};
  const violations: string[] = [];
  const probeProblem = (kind: 'livenessProbe' | 'readinessProbe', path: string): void => {
    if (!probeHits(container[kind], container, path)) {
      violations.push(`${where}: ${kind} must be an httpGet on ${path} at one of the container's ports`);
    }
  };
  probeProblem('livenessProbe', HEALTH_PATHS.live);
  probeProblem('readinessProbe', HEALTH_PATHS.ready);
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

function resolvesToContainerPort(port: string | number | undefined, container: IContainer): boolean {
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

/** Each Deployment is reachable through a Service that selects its pods and targets one of its ports. */
export function serviceViolations(set: ManifestSet): string[] {
  const violations: string[] = [];
  for (const deployment of set.deployments) {
    const podLabels = deployment.spec?.template.metadata?.labels ?? {};
    const selecting = set.services.filter(
      (service) =>
        service.metadata?.namespace === deployment.metadata?.namespace &&
        Object.keys(service.spec?.selector ?? {}).length > 0 &&
        isSubset(service.spec?.selector ?? {}, podLabels),
    );
    if (selecting.length === 0) {
      violations.push(`${label(deployment)}: no Service in its namespace selects its pods`);
    }
    for (const service of selecting) {
      for (const port of service.spec?.ports ?? []) {
        const target = port.targetPort ?? port.port;
        if (!containersOf(deployment).some((container) => resolvesToContainerPort(target, container))) {
          violations.push(`Service/${service.metadata?.name}: targetPort ${target} is not a port of ${label(deployment)}`);
        }
      }
    }
  }
  for (const service of set.services) {
    const selector = service.spec?.selector ?? {};
    const selectsSomething = set.deployments.some((d) => isSubset(selector, d.spec?.template.metadata?.labels ?? {}));
    if (Object.keys(selector).length === 0 || !selectsSomething) {
      violations.push(`Service/${service.metadata?.name}: its selector matches no Deployment's pods`);
    }
  }
  return violations;
}

/** Every ConfigMap/Secret a container reads exists with that key; credentials never come from anywhere else. */
export function referenceViolations(set: ManifestSet): string[] {
  const secretKeys = keysByName(set.secrets.map((s) => [s.metadata?.name, { ...s.data, ...s.stringData }]));
  const configKeys = keysByName(set.configMaps.map((c) => [c.metadata?.name, { ...c.data, ...c.binaryData }]));
  const violations: string[] = [];
  for (const deployment of set.deployments) {
    for (const container of containersOf(deployment)) {
      const where = label(deployment, container);
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !configKeys.has(source.configMapRef.name ?? '')) {
          violations.push(`${where}: envFrom names ConfigMap ${source.configMapRef.name}, which is not in k8s/`);
        }
        if (source.secretRef && !secretKeys.has(source.secretRef.name ?? '')) {
          violations.push(`${where}: envFrom names Secret ${source.secretRef.name}, which is not in the Secret template`);
        }
      }
      for (const variable of container.env ?? []) {
        const secretRef = variable.valueFrom?.secretKeyRef;
        const configRef = variable.valueFrom?.configMapKeyRef;
        if (secretRef && !secretKeys.get(secretRef.name ?? '')?.has(secretRef.key)) {
          violations.push(`${where}: ${variable.name} reads Secret ${secretRef.name} key ${secretRef.key}, missing from the Secret template`);
        }
        if (configRef && !configKeys.get(configRef.name ?? '')?.has(configRef.key)) {
          violations.push(`${where}: ${variable.name} reads ConfigMap ${configRef.name} key ${configRef.key}, which it lacks`);
        }
        if (isSecretVariable(variable.name) && !secretRef) {
          violations.push(`${where}: ${variable.name} must come from a secretKeyRef, never a literal or a ConfigMap`);
        }
      }
    }
  }
  for (const configMap of set.configMaps) {
    for (const key of Object.keys(configMap.data ?? {}).filter(isSecretVariable)) {
      violations.push(`ConfigMap/${configMap.metadata?.name}: ${key} is secret material and belongs in the Secret`);
    }
  }
  return violations;
}

function isSecretVariable(name: string): boolean {
  return (SECRET_VARIABLES as readonly string[]).includes(name);
}

function keysByName(entries: Array<[string | undefined, Record<string, unknown>]>): Map<string, Set<string>> {
  return new Map(entries.map(([name, data]) => [name ?? '', new Set(Object.keys(data))]));
}

function isSubset(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
