import { HEALTH_PATHS, asWorkload, label, podLabelsOf, selects, type ManifestSet } from './k8s-house.rules';

/**
 * Each ServiceMonitor scrapes /metrics through a named port of a Service in its namespace. With `required` (the
 * production overlay, for the Prometheus Operator) every Deployment's Service must also have one.
 */
export function monitoringViolations(set: ManifestSet, options: { required: boolean }): string[] {
  const violations: string[] = [];
  for (const monitor of set.serviceMonitors) {
    const where = `ServiceMonitor/${monitor.metadata.name}`;
    const services = set.services.filter(
      (s) =>
        s.metadata?.namespace === monitor.metadata.namespace &&
        selects(monitor.spec.selector.matchLabels, s.metadata?.labels ?? {}),
    );
    if (services.length === 0) violations.push(`${where}: its selector matches no Service's labels in its namespace`);
    for (const endpoint of monitor.spec.endpoints) {
      if (endpoint.path !== HEALTH_PATHS.metrics)
        violations.push(`${where}: endpoint path must be ${HEALTH_PATHS.metrics}`);
      for (const service of services.filter((s) => !(s.spec?.ports ?? []).some((p) => p.name === endpoint.port))) {
        violations.push(
          `${where}: endpoint port ${endpoint.port} is not a named port of Service/${service.metadata?.name}`,
        );
      }
    }
  }
  if (!options.required) return violations;
  for (const deployment of set.deployments.map(asWorkload)) {
    const services = set.services.filter(
      (s) => s.metadata?.namespace === deployment.namespace && selects(s.spec?.selector, podLabelsOf(deployment)),
    );
    const monitored = services.some((s) =>
      set.serviceMonitors.some(
        (m) =>
          m.metadata.namespace === s.metadata?.namespace &&
          selects(m.spec.selector.matchLabels, s.metadata?.labels ?? {}),
      ),
    );
    if (!monitored)
      violations.push(
        `${label(deployment)}: no ServiceMonitor selects its Service (the Prometheus Operator would not scrape it)`,
      );
  }
  return violations;
}
