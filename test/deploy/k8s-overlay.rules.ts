import {
  asWorkload,
  containersOf,
  effectiveVariable,
  label,
  workloadsOf,
  type ManifestDocument,
  type ManifestSet,
} from './k8s-house.rules';

interface ObjectMeta {
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
}

/** What the production overlay must render (issue 10): the objects that make the deployment production-grade. */
export const PRODUCTION_KINDS: readonly string[] = [
  'Deployment',
  'Service',
  'PodDisruptionBudget',
  'NetworkPolicy',
  'ServiceMonitor',
  'HorizontalPodAutoscaler',
  'Job',
];

function kindAndName(doc: unknown): string {
  const { kind, metadata } = doc as ObjectMeta;
  return `${kind ?? '?'}/${metadata?.name ?? '?'}`;
}

/** The base is reusable in any namespace and registry: no Namespace object, no namespace, no registry in images. */
export function baseViolations(documents: readonly ManifestDocument[], set: ManifestSet): string[] {
  const violations: string[] = [];
  for (const { file, doc } of documents) {
    const { kind, metadata } = doc as ObjectMeta;
    if (kind === 'Namespace')
      violations.push(`${file}: ${kindAndName(doc)}: the base must hold no Namespace (the overlays create theirs)`);
    else if (metadata?.namespace !== undefined)
      violations.push(
        `${file}: ${kindAndName(doc)}: sets namespace ${metadata.namespace}; the base leaves it to the overlays`,
      );
  }
  for (const workload of workloadsOf(set)) {
    for (const container of containersOf(workload).filter((c) => registryOf(c.image ?? '') !== undefined)) {
      violations.push(
        `${label(workload, container)}: image ${container.image} names a registry; the base names the image only (overlays set registry and tag)`,
      );
    }
  }
  return violations;
}

/** Every object of an overlay lands in its namespace, which the overlay creates with the restricted Pod Security level. */
export function namespaceViolations(documents: readonly ManifestDocument[], namespace: string): string[] {
  const violations: string[] = [];
  const namespaces = documents.map(({ doc }) => doc as ObjectMeta).filter((doc) => doc.kind === 'Namespace');
  if (namespaces.length !== 1 || namespaces[0].metadata?.name !== namespace) {
    violations.push(
      `the overlay must create exactly one Namespace, ${namespace}; it has ${namespaces.map(kindAndName).join(', ') || 'none'}`,
    );
  }
  for (const ns of namespaces.filter(
    (n) => n.metadata?.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted',
  )) {
    violations.push(
      `${kindAndName(ns)}: must enforce Pod Security level restricted (label pod-security.kubernetes.io/enforce)`,
    );
  }
  for (const { doc } of documents) {
    const meta = doc as ObjectMeta;
    if (meta.kind !== 'Namespace' && meta.metadata?.namespace !== namespace)
      violations.push(`${kindAndName(doc)}: must be in namespace ${namespace}`);
  }
  return violations;
}

/**
 * Production: every kind of PRODUCTION_KINDS; NODE_ENV=production and MONGO_AUTO_INDEX=false as every app sees
 * them; never ISAMS_INSECURE_HOSTS (plain-http iSAMS hosts are for the simulator); images from a registry, pinned.
 */
export function productionViolations(documents: readonly ManifestDocument[], set: ManifestSet): string[] {
  const kinds = new Set(documents.map(({ doc }) => (doc as ObjectMeta).kind));
  const violations = PRODUCTION_KINDS.filter((kind) => !kinds.has(kind)).map((kind) => `production renders no ${kind}`);
  for (const configMap of set.configMaps.filter((c) => c.data?.ISAMS_INSECURE_HOSTS !== undefined)) {
    violations.push(
      `ConfigMap/${configMap.metadata?.name}: sets ISAMS_INSECURE_HOSTS, which production must never set`,
    );
  }
  for (const workload of workloadsOf(set)) {
    for (const container of containersOf(workload)) {
      const where = label(workload, container);
      if (container.env?.some((e) => e.name === 'ISAMS_INSECURE_HOSTS'))
        violations.push(`${where}: sets ISAMS_INSECURE_HOSTS, which production must never set`);
      if (!isPinnedRegistryImage(container.image ?? '')) {
        violations.push(
          `${where}: image ${container.image} must name a registry and a fixed tag or digest (kustomize images in the overlay)`,
        );
      }
    }
  }
  for (const workload of set.deployments.map(asWorkload)) {
    for (const container of containersOf(workload)) {
      for (const [name, expected] of [
        ['NODE_ENV', 'production'],
        ['MONGO_AUTO_INDEX', 'false'],
      ] as const) {
        const actual = effectiveVariable(container, set.configMaps, name);
        if (actual !== expected)
          violations.push(
            `${label(workload, container)}: ${name} must be ${expected} in production, is ${actual ?? 'unset'}`,
          );
      }
    }
  }
  return violations;
}

/** The registry host of an image reference, if it names one (a first path part with a dot or port, or localhost). */
export function registryOf(image: string): string | undefined {
  const [first, ...rest] = image.split('/');
  return rest.length > 0 && (/[.:]/.test(first) || first === 'localhost') ? first : undefined;
}

export function isPinnedRegistryImage(image: string): boolean {
  if (registryOf(image) === undefined) return false;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([\w][\w.-]{0,127})$/.exec(image.split('/').pop() ?? '')?.[1];
  return tag !== undefined && tag !== 'latest';
}
