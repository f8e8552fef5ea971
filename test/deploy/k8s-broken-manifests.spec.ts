import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as h from './k8s-breakage.helpers';
import { allViolations, readKustomizationDir, render, type Rendered } from './k8s-manifests.fixture';
import {
  kustomizationViolations,
  strayManifestViolations,
  type KustomizationDir,
  type KustomizationRole,
} from './kustomization.rules';
import { renderKustomization } from './kustomize.renderer';

const rendered = { base: render('base'), dev: render('dev'), production: render('production') };
type Breakage = [string, keyof typeof rendered, (m: Rendered) => void, string];

// Each row breaks a copy of what kustomize rendered in one way and names the violation that must appear.
const breakages: Breakage[] = [
  // probes, resources, security: every pod
  [
    'readiness probe removed',
    'production',
    (m) => delete h.containerOf(m, 'Deployment', 'fetcher').readinessProbe,
    'Deployment/fetcher container fetcher: readinessProbe',
  ],
  [
    'liveness probe on another path',
    'production',
    (m) => Object.assign(h.containerOf(m, 'Deployment', 'importer').livenessProbe?.httpGet ?? {}, { path: '/healthz' }),
    'Deployment/importer container importer: livenessProbe',
  ],
  [
    'probe on a port the container lacks',
    'dev',
    (m) =>
      Object.assign(h.containerOf(m, 'Deployment', 'attendance').readinessProbe?.httpGet ?? {}, { port: 'metrics' }),
    'Deployment/attendance container attendance: readinessProbe',
  ],
  [
    'memory limit removed',
    'production',
    (m) => delete h.containerOf(m, 'Deployment', 'transformer').resources?.limits?.memory,
    'resources.limits must both set memory',
  ],
  [
    'cpu request removed',
    'production',
    (m) => delete h.containerOf(m, 'Deployment', 'fetcher').resources?.requests?.cpu,
    'resources.requests and resources.limits must both set cpu',
  ],
  [
    'root allowed',
    'production',
    (m) => h.allowRoot(h.podOf(m, 'Deployment', 'importer')),
    'Deployment/importer container importer: runAsNonRoot must be true',
  ],
  [
    'index Job as root',
    'production',
    (m) => h.allowRoot(h.podOf(m, 'Job', 'ensure-indexes')),
    'Job/ensure-indexes container ensure-indexes: runAsNonRoot must be true',
  ],
  [
    'writable root filesystem',
    'production',
    (m) => h.setSecurity(h.containerOf(m, 'Deployment', 'fetcher'), { readOnlyRootFilesystem: false }),
    'readOnlyRootFilesystem must be true',
  ],
  [
    'privilege escalation allowed',
    'production',
    (m) => h.setSecurity(h.containerOf(m, 'Job', 'ensure-indexes'), { allowPrivilegeEscalation: true }),
    'Job/ensure-indexes container ensure-indexes: securityContext.allowPrivilegeEscalation must be false',
  ],
  [
    'capabilities kept',
    'production',
    (m) => h.setSecurity(h.containerOf(m, 'Deployment', 'fetcher'), { capabilities: { drop: [] } }),
    'capabilities.drop must include ALL',
  ],
  [
    'service-account token mounted',
    'production',
    (m) => (h.podOf(m, 'Deployment', 'fetcher').automountServiceAccountToken = true),
    'Deployment/fetcher: automountServiceAccountToken must be false',
  ],
  [
    'heap above the memory limit',
    'production',
    (m) => h.setMemoryLimit(h.containerOf(m, 'Deployment', 'transformer'), '1Gi'),
    'Deployment/transformer container transformer: NODE_OPTIONS',
  ],
  [
    'scrape annotation on a wrong port',
    'production',
    (m) => h.setPodAnnotation(m, 'fetcher', 'prometheus.io/port', '9999'),
    'Deployment/fetcher: pod needs prometheus.io',
  ],
  // schema
  [
    'a string where the schema wants an integer',
    'production',
    (m) => h.setContainerPortText(h.containerOf(m, 'Deployment', 'fetcher'), 'http'),
    'k8s/overlays/production Deployment/fetcher: data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
  ],
  [
    'a required field removed',
    'production',
    (m) => h.deleteContainerName(h.containerOf(m, 'Deployment', 'importer')),
    'Deployment/importer: data/spec/template/spec/containers/0 must have required property',
  ],
  [
    'an unknown kind',
    'production',
    (m) => h.add(m, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'isams-sync' } }),
    'no kubernetes-models class registered for apiVersion v1, kind Pod',
  ],
  [
    'a ServiceMonitor field misspelt',
    'production',
    (m) => Object.assign(h.objectIn(m, 'ServiceMonitor', 'fetcher').spec.endpoints[0], { intervall: '30s' }),
    'ServiceMonitor/fetcher: data/spec/endpoints/0 must NOT have additional properties',
  ],
  [
    'a ServiceMonitor interval that is no duration',
    'production',
    (m) => (h.objectIn(m, 'ServiceMonitor', 'importer').spec.endpoints[0].interval = '30 seconds'),
    'ServiceMonitor/importer: data/spec/endpoints/0/interval must match pattern',
  ],
  // selectors and references
  [
    'Deployment selector not matching its pods',
    'production',
    (m) => h.setMatchLabel(h.objectIn(m, 'Deployment', 'attendance'), 'x'),
    'Deployment/attendance: selector.matchLabels',
  ],
  [
    'Service selector typo',
    'production',
    (m) => h.setServiceSelector(h.objectIn(m, 'Service', 'fetcher'), 'fetch'),
    'Deployment/fetcher: no Service in its namespace selects its pods',
  ],
  [
    'Service targeting a port the pod lacks',
    'production',
    (m) => h.setTargetPort(h.objectIn(m, 'Service', 'importer'), 'web'),
    'Service/importer: targetPort web',
  ],
  [
    'key missing from the Secret template',
    'production',
    (m) => delete h.firstOf(m, 'Secret').stringData?.SECRETS_KEY,
    'SECRETS_KEY reads Secret isams-sync-secrets key SECRETS_KEY, missing from the Secret template',
  ],
  [
    'credential written as a literal',
    'production',
    (m) => h.inlineVariable(h.containerOf(m, 'Deployment', 'fetcher'), 'AMQP_URL', 'amqp://u:p@h:5672'),
    'Deployment/fetcher container fetcher: AMQP_URL must come from a secretKeyRef',
  ],
  [
    'index Job with a literal MONGO_URL',
    'production',
    (m) => h.inlineVariable(h.containerOf(m, 'Job', 'ensure-indexes'), 'MONGO_URL', 'mongodb://u:p@h/db'),
    'Job/ensure-indexes container ensure-indexes: MONGO_URL must come from a secretKeyRef',
  ],
  [
    'credential in the ConfigMap',
    'production',
    (m) => h.setConfig(m, 'MONGO_URL', 'mongodb://u:p@h/db'),
    'ConfigMap/isams-sync-config: MONGO_URL is secret material',
  ],
  [
    'ConfigMap renamed',
    'production',
    (m) => h.renameConfigMap(m, 'isams-sync-settings'),
    'envFrom names ConfigMap isams-sync-config, which is not in k8s/',
  ],
  // replicas, disruptions, rollouts, shutdown
  [
    'importer rolled with RollingUpdate',
    'production',
    (m) => (h.objectIn(m, 'Deployment', 'importer').spec!.strategy = { type: 'RollingUpdate' }),
    'Deployment/importer: is single-replica by design, so strategy must be Recreate',
  ],
  [
    'importer scaled to two',
    'production',
    (m) => (h.objectIn(m, 'Deployment', 'importer').spec!.replicas = 2),
    'Deployment/importer: is single-replica by design, so replicas must be 1',
  ],
  [
    'multi-replica Deployment without a PodDisruptionBudget',
    'production',
    (m) => h.remove(m, 'PodDisruptionBudget', 'fetcher'),
    'Deployment/fetcher: runs up to 2 replicas but no PodDisruptionBudget selects its pods',
  ],
  [
    'autoscaled Deployment without a PodDisruptionBudget',
    'dev',
    (m) => h.remove(m, 'PodDisruptionBudget', 'transformer'),
    'Deployment/transformer: runs up to 2 replicas but no PodDisruptionBudget',
  ],
  [
    'PodDisruptionBudget that blocks every drain',
    'production',
    (m) =>
      (h.objectIn(m, 'PodDisruptionBudget', 'attendance').spec = {
        minAvailable: 2,
        selector: h.objectIn(m, 'PodDisruptionBudget', 'attendance').spec?.selector,
      }),
    'PodDisruptionBudget/attendance: allows no eviction of Deployment/attendance',
  ],
  [
    'PodDisruptionBudget selecting nothing',
    'production',
    (m) =>
      (h.objectIn(m, 'PodDisruptionBudget', 'fetcher').spec!.selector = {
        matchLabels: { 'app.kubernetes.io/name': 'fetch' },
      }),
    'PodDisruptionBudget/fetcher: selects no Deployment',
  ],
  [
    'multi-replica Deployment without spread',
    'production',
    (m) => delete h.podOf(m, 'Deployment', 'attendance').topologySpreadConstraints,
    'Deployment/attendance: runs up to 2 replicas but has no topologySpreadConstraints',
  ],
  [
    'autoscaler aimed at a missing Deployment',
    'production',
    (m) => (h.objectIn(m, 'HorizontalPodAutoscaler', 'transformer').spec!.scaleTargetRef.name = 'transform'),
    'HorizontalPodAutoscaler/transformer: scaleTargetRef names no Deployment',
  ],
  [
    'autoscaled Deployment with fixed replicas',
    'production',
    (m) => (h.objectIn(m, 'Deployment', 'transformer').spec!.replicas = 3),
    'Deployment/transformer: sets replicas although HorizontalPodAutoscaler/transformer owns its count',
  ],
  [
    'grace period under the shutdown budget',
    'production',
    (m) => (h.podOf(m, 'Deployment', 'transformer').terminationGracePeriodSeconds = 30),
    'Deployment/transformer: terminationGracePeriodSeconds (30 s) must cover SHUTDOWN_TIMEOUT_MS (60000 ms)',
  ],
  [
    'shutdown budget raised without the grace period',
    'production',
    (m) => h.setEnv(h.containerOf(m, 'Deployment', 'attendance'), 'SHUTDOWN_TIMEOUT_MS', '120000'),
    'Deployment/attendance: terminationGracePeriodSeconds (60 s) must cover SHUTDOWN_TIMEOUT_MS (120000 ms)',
  ],
  [
    'Batch call timeout raised past the shutdown budget',
    'production',
    (m) => h.setEnv(h.containerOf(m, 'Deployment', 'fetcher'), 'ISAMS_CALL_TIMEOUT_MS', '300000'),
    'Deployment/fetcher: SHUTDOWN_TIMEOUT_MS (135000 ms) must cover its longest in-flight step (315000 ms)',
  ],
  [
    'import lease raised past the shutdown budget',
    'dev',
    (m) => h.setEnv(h.containerOf(m, 'Deployment', 'importer'), 'IMPORT_LEASE_MS', '900000'),
    'Deployment/importer: SHUTDOWN_TIMEOUT_MS (300000 ms) must cover its longest in-flight step (900000 ms)',
  ],
  [
    'shutdown budget left to the 10 s default',
    'production',
    (m) =>
      h.containerOf(m, 'Deployment', 'importer').env?.splice(
        h.containerOf(m, 'Deployment', 'importer').env!.findIndex((e) => e.name === 'SHUTDOWN_TIMEOUT_MS'),
        1,
      ),
    'Deployment/importer: SHUTDOWN_TIMEOUT_MS (10000 ms) must cover',
  ],
  // network
  [
    'NetworkPolicy allowing all egress',
    'production',
    (m) => h.egressOf(m, 'fetcher').push({}),
    'NetworkPolicy/fetcher: an egress rule without ports lets Deployment/fetcher connect anywhere',
  ],
  [
    'NetworkPolicy removed',
    'production',
    (m) => h.remove(m, 'NetworkPolicy', 'importer'),
    'Deployment/importer: needs a NetworkPolicy selecting its pods with policyTypes Ingress and Egress',
  ],
  [
    'egress only, ingress left open',
    'production',
    (m) => (h.objectIn(m, 'NetworkPolicy', 'attendance').spec!.policyTypes = ['Egress']),
    'Deployment/attendance: needs a NetworkPolicy selecting its pods with policyTypes Ingress and Egress',
  ],
  [
    'ingress opened to a debug port',
    'production',
    (m) => h.ingressOf(m, 'transformer').push({ ports: [{ protocol: 'TCP', port: 9229 }] }),
    'NetworkPolicy/transformer: ingress to port 9229, which is not a port of Deployment/transformer',
  ],
  [
    'ingress rule without ports',
    'dev',
    (m) => h.ingressOf(m, 'fetcher').push({}),
    'NetworkPolicy/fetcher: an ingress rule without ports opens every port of Deployment/fetcher',
  ],
  [
    'index Job reachable from outside',
    'production',
    (m) => h.ingressOf(m, 'ensure-indexes').push({ ports: [{ protocol: 'TCP', port: 3000 }] }),
    'NetworkPolicy/ensure-indexes: ingress to port 3000, which is not a port of Job/ensure-indexes',
  ],
  [
    'egress to a port none of the services use',
    'production',
    (m) => h.egressOf(m, 'importer').push({ ports: [{ protocol: 'TCP', port: 6379 }] }),
    'NetworkPolicy/importer: egress to port 6379',
  ],
  [
    'HTTPS for an app that never calls iSAMS',
    'production',
    (m) => h.egressOf(m, 'importer').push(structuredClone(h.egressOf(m, 'fetcher')[2])),
    'NetworkPolicy/importer: egress to HTTPS, which Deployment/importer never needs',
  ],
  [
    'HTTPS allowed into private ranges',
    'production',
    (m) => delete h.egressOf(m, 'attendance')[2].to?.[0].ipBlock?.except,
    'HTTPS egress of Deployment/attendance must go to ipBlocks that except',
  ],
  [
    'NetworkPolicy selecting nothing',
    'production',
    (m) =>
      (h.objectIn(m, 'NetworkPolicy', 'fetcher').spec!.podSelector = {
        matchLabels: { 'app.kubernetes.io/name': 'fetch' },
      }),
    'NetworkPolicy/fetcher: selects no workload',
  ],
  // monitoring
  [
    'ServiceMonitor removed',
    'production',
    (m) => h.remove(m, 'ServiceMonitor', 'importer'),
    'Deployment/importer: no ServiceMonitor selects its Service',
  ],
  [
    'ServiceMonitor on a port the Service lacks',
    'production',
    (m) => (h.objectIn(m, 'ServiceMonitor', 'fetcher').spec.endpoints[0].port = 'metrics'),
    'ServiceMonitor/fetcher: endpoint port metrics is not a named port of Service/fetcher',
  ],
  [
    'ServiceMonitor selecting no Service',
    'production',
    (m) =>
      (h.objectIn(m, 'ServiceMonitor', 'attendance').spec.selector.matchLabels['app.kubernetes.io/name'] = 'attend'),
    'ServiceMonitor/attendance: its selector matches no Service',
  ],
  // the index Job
  [
    'index Job missing while apps build no indexes',
    'production',
    (m) => h.remove(m, 'Job', 'ensure-indexes'),
    'Deployment/fetcher: builds no indexes at boot (MONGO_AUTO_INDEX off), so the Job ensure-indexes must be deployed with it',
  ],
  [
    'index Job replacing the tini entrypoint',
    'production',
    (m) => (h.containerOf(m, 'Job', 'ensure-indexes').command = ['node']),
    'Job/ensure-indexes: must run args',
  ],
  [
    'index Job running another command',
    'production',
    (m) => (h.containerOf(m, 'Job', 'ensure-indexes').args = ['node', 'bin/isams-sync.js', 'db']),
    'Job/ensure-indexes: must run args',
  ],
  [
    'index Job without a deadline',
    'production',
    (m) => delete h.objectIn(m, 'Job', 'ensure-indexes').spec?.activeDeadlineSeconds,
    'Job/ensure-indexes: must set backoffLimit and activeDeadlineSeconds',
  ],
  // production's own rules
  [
    'production with ISAMS_INSECURE_HOSTS in the ConfigMap',
    'production',
    (m) => h.setConfig(m, 'ISAMS_INSECURE_HOSTS', 'isams-simulator'),
    'ConfigMap/isams-sync-config: sets ISAMS_INSECURE_HOSTS, which production must never set',
  ],
  [
    'production with ISAMS_INSECURE_HOSTS on a container',
    'production',
    (m) => h.setEnv(h.containerOf(m, 'Deployment', 'fetcher'), 'ISAMS_INSECURE_HOSTS', '10.0.0.5'),
    'Deployment/fetcher container fetcher: sets ISAMS_INSECURE_HOSTS',
  ],
  [
    'production building indexes at boot',
    'production',
    (m) => h.setConfig(m, 'MONGO_AUTO_INDEX', 'true'),
    'container importer: MONGO_AUTO_INDEX must be false in production, is true',
  ],
  [
    'production app overriding NODE_ENV',
    'production',
    (m) => h.setEnv(h.containerOf(m, 'Deployment', 'attendance'), 'NODE_ENV', 'development'),
    'Deployment/attendance container attendance: NODE_ENV must be production in production, is development',
  ],
  [
    'production image without a registry',
    'production',
    (m) => (h.containerOf(m, 'Deployment', 'fetcher').image = 'isams-sync:0.1.0'),
    'Deployment/fetcher container fetcher: image isams-sync:0.1.0 must name a registry and a fixed tag',
  ],
  [
    'production image on latest',
    'production',
    (m) => (h.containerOf(m, 'Job', 'ensure-indexes').image = 'registry.example.com/isams-sync:latest'),
    'Job/ensure-indexes container ensure-indexes: image registry.example.com/isams-sync:latest must name a registry and a fixed tag',
  ],
  [
    'production without its autoscaler',
    'production',
    (m) => h.remove(m, 'HorizontalPodAutoscaler', 'transformer'),
    'production renders no HorizontalPodAutoscaler',
  ],
  [
    'object outside the overlay namespace',
    'production',
    (m) => (h.objectIn(m, 'Service', 'fetcher').metadata!.namespace = 'default'),
    'Service/fetcher: must be in namespace isams-sync',
  ],
  [
    'namespace without the restricted Pod Security level',
    'dev',
    (m) => delete h.firstOf(m, 'Namespace').metadata?.labels?.['pod-security.kubernetes.io/enforce'],
    'Namespace/isams-sync-dev: must enforce Pod Security level restricted',
  ],
  // the base
  [
    'Namespace in the base',
    'base',
    (m) => h.add(m, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'isams-sync' } }),
    'Namespace/isams-sync: the base must hold no Namespace',
  ],
  [
    'namespace set in the base',
    'base',
    (m) => (h.objectIn(m, 'Deployment', 'importer').metadata!.namespace = 'isams-sync'),
    'Deployment/importer: sets namespace isams-sync; the base leaves it to the overlays',
  ],
  [
    'registry named in the base',
    'base',
    (m) => (h.containerOf(m, 'Deployment', 'transformer').image = 'registry.example.com/isams-sync:0.1.0'),
    'names a registry; the base names the image only',
  ],
];

describe('k8s manifests: a broken manifest is caught', () => {
  it.each(breakages)('%s (%s)', (_what, target, breakIt, expected) => {
    const broken = structuredClone(rendered[target]);
    breakIt(broken);
    expect(allViolations(broken)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});

const kustomizations = {
  base: { dir: readKustomizationDir('base'), role: { role: 'base' } as KustomizationRole },
  production: {
    dir: readKustomizationDir('overlays/production'),
    role: { role: 'overlay', namespace: 'isams-sync', base: '../../base' } as KustomizationRole,
  },
};
type KustomizationBreakage = [
  string,
  keyof typeof kustomizations,
  (k: { kustomization: Record<string, unknown>; yamlFiles: string[] }) => void,
  string,
];

function resourcesOf(k: { kustomization: Record<string, unknown> }): string[] {
  return k.kustomization.resources as string[];
}

const kustomizationBreakages: KustomizationBreakage[] = [
  [
    'base missing a file',
    'base',
    (k) => resourcesOf(k).splice(resourcesOf(k).indexOf('network-policies.yaml'), 1),
    'k8s/base/kustomization.yaml: does not list network-policies.yaml',
  ],
  [
    'base listing a missing file',
    'base',
    (k) => resourcesOf(k).push('gone.yaml'),
    'k8s/base/kustomization.yaml: lists gone.yaml, which is not a file in k8s/base',
  ],
  [
    'base listing the Secret template',
    'base',
    (k) => {
      resourcesOf(k).push('secret.example.yaml');
      k.yamlFiles.push('secret.example.yaml');
    },
    'lists the template secret.example.yaml; placeholders must never be applied',
  ],
  [
    'base setting a namespace',
    'base',
    (k) => (k.kustomization.namespace = 'isams-sync'),
    'k8s/base/kustomization.yaml: sets namespace isams-sync; the base must leave the namespace to the overlays',
  ],
  [
    'overlay not building on the base',
    'production',
    (k) => resourcesOf(k).splice(resourcesOf(k).indexOf('../../base'), 1),
    'does not build on the base',
  ],
  [
    'overlay in another namespace',
    'production',
    (k) => (k.kustomization.namespace = 'default'),
    'k8s/overlays/production/kustomization.yaml: namespace must be isams-sync',
  ],
  [
    'overlay with a patch file it does not use',
    'production',
    (k) => k.yamlFiles.push('replicas.yaml'),
    'does not list replicas.yaml (neither a resource nor a patch)',
  ],
  [
    'overlay naming a patch file that is gone',
    'production',
    (k) => (k.kustomization.patches as Array<{ path?: string }>).push({ path: 'gone.yaml' }),
    'lists gone.yaml, which is not a file in k8s/overlays/production',
  ],
];

describe('k8s kustomizations: a broken kustomization is caught', () => {
  it.each(kustomizationBreakages)('%s (%s)', (_what, target, breakIt, expected) => {
    const { dir, role } = kustomizations[target];
    const broken = structuredClone(dir) as KustomizationDir & {
      kustomization: Record<string, unknown>;
      yamlFiles: string[];
    };
    breakIt(broken);
    expect(kustomizationViolations(broken, role)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('a manifest left in k8s/ itself is in no kustomization', () => {
    expect(strayManifestViolations('k8s', ['fetcher.yaml', 'secret.example.yaml'])).toEqual([
      'k8s/fetcher.yaml: is in no kustomization; put it in base/ (every deployment) or an overlay',
    ]);
  });
});

describe('kubectl kustomize: failures say what to do', () => {
  it('a missing kubectl is named with the fix', () => {
    expect(() => renderKustomization(join(__dirname, '..', '..', 'k8s', 'base'), '/nonexistent/kubectl')).toThrow(
      /\/nonexistent\/kubectl was not found: .*Install kubectl .* or set KUBECTL/,
    );
  });

  it("a kustomization that does not build fails with kustomize's own message", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
    try {
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [missing.yaml]\n',
      );
      expect(() => renderKustomization(dir)).toThrow(/kustomize .* failed \(exit 1\): .*missing\.yaml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
