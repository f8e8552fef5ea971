import type { INetworkPolicy, INetworkPolicyPeer, INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1';
import {
  containersOf,
  label,
  podLabelsOf,
  resolvesToContainerPort,
  workloadsOf,
  type ManifestSet,
  type Workload,
} from './k8s-house.rules';

/** Apps that call iSAMS over HTTPS (Batch API, REST API); no other pod needs to reach port 443. */
export const ISAMS_CALLERS: readonly string[] = ['fetcher', 'attendance'];

const DNS_PORT = 53;
const HTTPS_PORT = 443;
/** Where a pod may connect: DNS, RabbitMQ (AMQP, AMQPS), MongoDB, and HTTPS for the iSAMS callers. */
const ALLOWED_EGRESS_PORTS: ReadonlySet<number> = new Set([DNS_PORT, 5672, 5671, 27017, HTTPS_PORT]);

/** HTTPS may only leave for public addresses: never in-cluster services, the API server or cloud metadata. */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'];

/**
 * Every workload's pods are selected by a NetworkPolicy that limits both directions: ingress only to the
 * container's own ports (health and metrics), egress only to the ports in ALLOWED_EGRESS_PORTS, each rule naming
 * its ports (a rule without ports allows every port).
 */
export function networkViolations(set: ManifestSet): string[] {
  const workloads = workloadsOf(set);
  return [
    ...workloads.flatMap((workload) => workloadNetworkViolations(workload, policiesSelecting(set, workload))),
    ...set.networkPolicies
      .filter((policy) => !workloads.some((w) => policiesSelecting(set, w).includes(policy)))
      .map((policy) => `NetworkPolicy/${policy.metadata?.name}: selects no workload's pods`),
  ];
}

function policiesSelecting(set: ManifestSet, workload: Workload): INetworkPolicy[] {
  const labels = podLabelsOf(workload);
  return set.networkPolicies.filter((policy) => {
    const matchLabels = policy.spec?.podSelector.matchLabels ?? {};
    // An empty podSelector selects every pod of the namespace.
    return (
      policy.metadata?.namespace === workload.namespace &&
      Object.entries(matchLabels).every(([k, v]) => labels[k] === v)
    );
  });
}

function workloadNetworkViolations(workload: Workload, policies: INetworkPolicy[]): string[] {
  const where = label(workload);
  const types = new Set(policies.flatMap((p) => p.spec?.policyTypes ?? []));
  const violations: string[] = [];
  if (!types.has('Ingress') || !types.has('Egress')) {
    violations.push(`${where}: needs a NetworkPolicy selecting its pods with policyTypes Ingress and Egress`);
  }
  for (const policy of policies) {
    const name = `NetworkPolicy/${policy.metadata?.name}`;
    for (const rule of policy.spec?.ingress ?? []) {
      const ports = rule.ports ?? [];
      if (ports.length === 0) violations.push(`${name}: an ingress rule without ports opens every port of ${where}`);
      for (const port of ports.filter((p) => !containersOf(workload).some((c) => resolvesToContainerPort(p.port, c)))) {
        violations.push(
          `${name}: ingress to port ${port.port ?? 'any'}, which is not a port of ${where} (only its health/metrics port may be open)`,
        );
      }
    }
    for (const rule of policy.spec?.egress ?? []) {
      const ports = rule.ports ?? [];
      if (ports.length === 0) violations.push(`${name}: an egress rule without ports lets ${where} connect anywhere`);
      for (const port of ports)
        violations.push(...egressPortViolations(name, where, workload.name, port, rule.to ?? []));
    }
  }
  return violations;
}

function egressPortViolations(
  name: string,
  where: string,
  app: string,
  port: INetworkPolicyPort,
  to: readonly INetworkPolicyPeer[],
): string[] {
  if (typeof port.port !== 'number' || !ALLOWED_EGRESS_PORTS.has(port.port) || port.endPort !== undefined) {
    return [
      `${name}: egress to port ${port.port ?? 'any'}${port.endPort ? `-${port.endPort}` : ''}; ${where} may only reach DNS, RabbitMQ, MongoDB and HTTPS`,
    ];
  }
  if (port.port !== HTTPS_PORT) return [];
  if (!ISAMS_CALLERS.includes(app))
    return [`${name}: egress to HTTPS, which ${where} never needs (only ${ISAMS_CALLERS.join(' and ')} call iSAMS)`];
  const publicOnly =
    to.length > 0 &&
    to.every(
      (peer) => peer.ipBlock !== undefined && PRIVATE_RANGES.every((range) => peer.ipBlock?.except?.includes(range)),
    );
  return publicOnly
    ? []
    : [`${name}: HTTPS egress of ${where} must go to ipBlocks that except ${PRIVATE_RANGES.join(', ')}`];
}
