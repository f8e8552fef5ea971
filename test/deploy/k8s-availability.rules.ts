import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IContainer, IConfigMap } from 'kubernetes-models/v1';
import {
  asWorkload,
  containersOf,
  effectiveVariable,
  label,
  podLabelsOf,
  selects,
  type ManifestSet,
  type Workload,
} from './k8s-house.rules';

/** Apps documented as single-replica: a rollout must never run two of them at once (a later issue makes N safe). */
export const SINGLE_REPLICA_APPS: readonly string[] = ['importer'];

/** The apps' own default when SHUTDOWN_TIMEOUT_MS is not set (libs/config). */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** After the in-flight wait, the app closes RabbitMQ, MongoDB and HTTP; the kubelet must allow it this much more. */
export const CONNECTION_CLOSE_MARGIN_MS = 10_000;

type Settings = (name: string) => number | undefined;

/**
 * The longest piece of work an app may have in flight when SIGTERM comes, from its own settings (defaults as in
 * each app's config schema): its shutdown wait must cover it, or a rollout cuts it off and redelivery repeats it.
 */
export const LONGEST_IN_FLIGHT_STEP_MS: Readonly<Record<string, (setting: Settings) => number>> = {
  // one Batch call, then gzip + GridFS for an answer of tens of MB
  fetcher: (setting) => (setting('ISAMS_CALL_TIMEOUT_MS') ?? 120_000) + 15_000,
  // parsing the largest measured document (124 MB: ~20 s) and storing its records in bulk
  transformer: () => 45_000,
  // one import holds its run for at most the lease; past it another importer may take the run anyway
  importer: (setting) => setting('IMPORT_LEASE_MS') ?? 300_000,
  // one REST call, then storing and publishing the marks
  attendance: (setting) => (setting('ISAMS_REST_TIMEOUT_MS') ?? 30_000) + 10_000,
};

export function availabilityViolations(set: ManifestSet): string[] {
  return [
    ...set.deployments.flatMap((deployment) => [
      ...replicaViolations(set, deployment),
      ...shutdownViolations(deployment, set.configMaps),
    ]),
    ...autoscalerViolations(set),
    ...strayDisruptionBudgets(set),
  ];
}

/** The most pods a Deployment may run: the autoscaler's maximum when one targets it, else its replicas (default 1). */
export function maxReplicasOf(set: ManifestSet, deployment: IDeployment): number {
  const autoscaler = autoscalerOf(set, deployment);
  return autoscaler ? (autoscaler.spec?.maxReplicas ?? 1) : (deployment.spec?.replicas ?? 1);
}

function minReplicasOf(set: ManifestSet, deployment: IDeployment): number {
  const autoscaler = autoscalerOf(set, deployment);
  return autoscaler ? (autoscaler.spec?.minReplicas ?? 1) : (deployment.spec?.replicas ?? 1);
}

function autoscalerOf(set: ManifestSet, deployment: IDeployment): IHorizontalPodAutoscaler | undefined {
  return set.autoscalers.find(
    (a) =>
      a.spec?.scaleTargetRef.kind === 'Deployment' &&
      a.spec.scaleTargetRef.name === deployment.metadata?.name &&
      a.metadata?.namespace === deployment.metadata?.namespace,
  );
}

function replicaViolations(set: ManifestSet, deployment: IDeployment): string[] {
  const workload = asWorkload(deployment);
  const where = label(workload);
  const violations: string[] = [];
  if (SINGLE_REPLICA_APPS.includes(workload.name)) {
    if (maxReplicasOf(set, deployment) !== 1)
      violations.push(`${where}: is single-replica by design, so replicas must be 1 and no autoscaler may target it`);
    if (deployment.spec?.strategy?.type !== 'Recreate') {
      violations.push(
        `${where}: is single-replica by design, so strategy must be Recreate (a RollingUpdate runs the new pod beside the old one)`,
      );
    }
    return violations;
  }
  if (maxReplicasOf(set, deployment) <= 1) return violations;
  const budgets = set.podDisruptionBudgets.filter(
    (b) =>
      b.metadata?.namespace === workload.namespace && selects(b.spec?.selector?.matchLabels, podLabelsOf(workload)),
  );
  if (budgets.length === 0) {
    violations.push(
      `${where}: runs up to ${maxReplicasOf(set, deployment)} replicas but no PodDisruptionBudget selects its pods`,
    );
  }
  for (const budget of budgets) {
    const { minAvailable, maxUnavailable } = budget.spec ?? {};
    const blocksEviction =
      maxUnavailable === 0 ||
      maxUnavailable === '0%' ||
      minAvailable === '100%' ||
      (typeof minAvailable === 'number' && minAvailable >= minReplicasOf(set, deployment));
    if (blocksEviction) {
      violations.push(
        `PodDisruptionBudget/${budget.metadata?.name}: allows no eviction of ${where} at its minimum replicas, so node drains would hang (use maxUnavailable: 1)`,
      );
    }
  }
  if (!spreadsAcrossNodes(workload)) {
    violations.push(
      `${where}: runs up to ${maxReplicasOf(set, deployment)} replicas but has no topologySpreadConstraints on kubernetes.io/hostname selecting its pods`,
    );
  }
  return violations;
}

function spreadsAcrossNodes(workload: Workload): boolean {
  return (workload.template?.spec?.topologySpreadConstraints ?? []).some(
    (c) => c.topologyKey === 'kubernetes.io/hostname' && selects(c.labelSelector?.matchLabels, podLabelsOf(workload)),
  );
}

/** Each autoscaler scales a Deployment that exists and leaves the replica count to it. */
function autoscalerViolations(set: ManifestSet): string[] {
  return set.autoscalers.flatMap((autoscaler) => {
    const where = `HorizontalPodAutoscaler/${autoscaler.metadata?.name}`;
    const target = set.deployments.find((d) => autoscalerOf(set, d) === autoscaler);
    if (!target) return [`${where}: scaleTargetRef names no Deployment in its namespace`];
    const violations: string[] = [];
    if (target.spec?.replicas !== undefined) {
      violations.push(
        `${label(asWorkload(target))}: sets replicas although ${where} owns its count (every apply would reset it)`,
      );
    }
    if ((autoscaler.spec?.minReplicas ?? 1) > (autoscaler.spec?.maxReplicas ?? 0))
      violations.push(`${where}: minReplicas is above maxReplicas`);
    return violations;
  });
}

function strayDisruptionBudgets(set: ManifestSet): string[] {
  return set.podDisruptionBudgets
    .filter(
      (b) =>
        !set.deployments.some(
          (d) =>
            b.metadata?.namespace === d.metadata?.namespace &&
            selects(b.spec?.selector?.matchLabels, podLabelsOf(asWorkload(d))),
        ),
    )
    .map((b) => `PodDisruptionBudget/${b.metadata?.name}: selects no Deployment's pods`);
}

/**
 * On SIGTERM an app waits up to SHUTDOWN_TIMEOUT_MS for its in-flight work, then closes its connections. That wait
 * must cover the app's longest in-flight step, and terminationGracePeriodSeconds must cover the wait plus the
 * closing, or the kubelet kills the pod mid-step.
 */
function shutdownViolations(deployment: IDeployment, configMaps: readonly IConfigMap[]): string[] {
  const workload = asWorkload(deployment);
  const where = label(workload);
  const grace = workload.template?.spec?.terminationGracePeriodSeconds;
  return containersOf(workload).flatMap((container) => {
    const setting = settingsOf(container, configMaps);
    const shutdownMs = setting('SHUTDOWN_TIMEOUT_MS') ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    const violations: string[] = [];
    const longestStep = LONGEST_IN_FLIGHT_STEP_MS[workload.name];
    if (longestStep === undefined) {
      violations.push(`${where}: has no entry in LONGEST_IN_FLIGHT_STEP_MS, so its shutdown budget cannot be checked`);
    } else if (shutdownMs < longestStep(setting)) {
      violations.push(
        `${where}: SHUTDOWN_TIMEOUT_MS (${shutdownMs} ms) must cover its longest in-flight step (${longestStep(setting)} ms)`,
      );
    }
    if (grace === undefined || grace * 1000 < shutdownMs + CONNECTION_CLOSE_MARGIN_MS) {
      violations.push(
        `${where}: terminationGracePeriodSeconds (${grace ?? 'default 30'} s) must cover SHUTDOWN_TIMEOUT_MS (${shutdownMs} ms) ` +
          `plus ${CONNECTION_CLOSE_MARGIN_MS / 1000} s to close connections`,
      );
    }
    return violations;
  });
}

function settingsOf(container: IContainer, configMaps: readonly IConfigMap[]): Settings {
  return (name) => {
    const value = effectiveVariable(container, configMaps, name);
    return value === undefined || value === '' ? undefined : Number(value);
  };
}
