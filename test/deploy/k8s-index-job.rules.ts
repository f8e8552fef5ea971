import { asWorkload, containersOf, effectiveVariable, label, type ManifestSet, type Workload } from './k8s-house.rules';

export const INDEX_JOB_NAME = 'ensure-indexes';
/** The image's CLI; as `args` the image's ENTRYPOINT (tini, which forwards SIGTERM) stays PID 1. */
export const INDEX_JOB_ARGS: readonly string[] = ['node', 'bin/isams-sync.js', 'db', 'ensure-indexes'];

/**
 * Apps that build no indexes at boot (MONGO_AUTO_INDEX off, or unset with NODE_ENV=production) refuse to start
 * until `isams-sync db ensure-indexes` has run, so their overlay must carry the Job that runs it; and that Job
 * runs exactly that command, bounded, with MONGO_URL from the Secret.
 */
export function indexJobViolations(set: ManifestSet): string[] {
  const violations: string[] = [];
  const job = set.jobs.find((j) => j.metadata?.name === INDEX_JOB_NAME);
  for (const deployment of set.deployments.map(asWorkload)) {
    const buildsNoIndexes = containersOf(deployment).some((container) => {
      const autoIndex = effectiveVariable(container, set.configMaps, 'MONGO_AUTO_INDEX');
      const nodeEnv = effectiveVariable(container, set.configMaps, 'NODE_ENV');
      return autoIndex === 'false' || ((autoIndex === undefined || autoIndex === '') && nodeEnv === 'production');
    });
    if (buildsNoIndexes && !job) {
      violations.push(
        `${label(deployment)}: builds no indexes at boot (MONGO_AUTO_INDEX off), so the Job ${INDEX_JOB_NAME} must be deployed with it`,
      );
    }
  }
  if (!job) return violations;
  const workload: Workload = {
    kind: 'Job',
    name: INDEX_JOB_NAME,
    namespace: job.metadata?.namespace,
    template: job.spec?.template,
  };
  const where = label(workload);
  const [container, ...others] = containersOf(workload);
  if (!container || others.length > 0) return [...violations, `${where}: must have exactly one container`];
  if (container.command !== undefined || JSON.stringify(container.args) !== JSON.stringify(INDEX_JOB_ARGS)) {
    violations.push(
      `${where}: must run args ${JSON.stringify(INDEX_JOB_ARGS)} and no command (the image's tini entrypoint stays PID 1)`,
    );
  }
  if (!container.env?.some((e) => e.name === 'MONGO_URL' && e.valueFrom?.secretKeyRef)) {
    violations.push(`${where}: needs MONGO_URL from the Secret`);
  }
  if (!['Never', 'OnFailure'].includes(job.spec?.template.spec?.restartPolicy ?? '')) {
    violations.push(`${where}: restartPolicy must be Never or OnFailure`);
  }
  if (job.spec?.backoffLimit === undefined || job.spec.activeDeadlineSeconds === undefined) {
    violations.push(
      `${where}: must set backoffLimit and activeDeadlineSeconds, so a database that never answers fails the Job instead of hanging the rollout`,
    );
  }
  return violations;
}
