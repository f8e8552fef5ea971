import {
  SECRET_VARIABLES,
  asWorkload,
  containersOf,
  label,
  podLabelsOf,
  resolvesToContainerPort,
  selects,
  workloadsOf,
  type ManifestSet,
} from './k8s-house.rules';

/** Each Deployment is reachable through a Service that selects its pods and targets one of its ports. */
export function serviceViolations(set: ManifestSet): string[] {
  const violations: string[] = [];
  for (const deployment of set.deployments.map(asWorkload)) {
    const selecting = set.services.filter(
      (service) =>
        service.metadata?.namespace === deployment.namespace &&
        selects(service.spec?.selector, podLabelsOf(deployment)),
    );
    if (selecting.length === 0) {
      violations.push(`${label(deployment)}: no Service in its namespace selects its pods`);
    }
    for (const service of selecting) {
      for (const port of service.spec?.ports ?? []) {
        const target = port.targetPort ?? port.port;
        if (!containersOf(deployment).some((container) => resolvesToContainerPort(target, container))) {
          violations.push(
            `Service/${service.metadata?.name}: targetPort ${target} is not a port of ${label(deployment)}`,
          );
        }
      }
    }
  }
  for (const service of set.services) {
    if (!set.deployments.map(asWorkload).some((d) => selects(service.spec?.selector, podLabelsOf(d)))) {
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
  for (const workload of workloadsOf(set)) {
    for (const container of containersOf(workload)) {
      const where = label(workload, container);
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !configKeys.has(source.configMapRef.name ?? '')) {
          violations.push(`${where}: envFrom names ConfigMap ${source.configMapRef.name}, which is not in k8s/`);
        }
        if (source.secretRef && !secretKeys.has(source.secretRef.name ?? '')) {
          violations.push(
            `${where}: envFrom names Secret ${source.secretRef.name}, which is not in the Secret template`,
          );
        }
      }
      for (const variable of container.env ?? []) {
        const secretRef = variable.valueFrom?.secretKeyRef;
        const configRef = variable.valueFrom?.configMapKeyRef;
        if (secretRef && !secretKeys.get(secretRef.name ?? '')?.has(secretRef.key)) {
          violations.push(
            `${where}: ${variable.name} reads Secret ${secretRef.name} key ${secretRef.key}, missing from the Secret template`,
          );
        }
        if (configRef && !configKeys.get(configRef.name ?? '')?.has(configRef.key)) {
          violations.push(
            `${where}: ${variable.name} reads ConfigMap ${configRef.name} key ${configRef.key}, which it lacks`,
          );
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
