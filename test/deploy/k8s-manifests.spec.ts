import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Namespace, Secret, Service, type IContainer, type IService } from 'kubernetes-models/v1';
import { containersOf, groupByKind, houseRuleViolations, mebibytes, type ManifestDocument } from './k8s-house.rules';
import { KUSTOMIZATION_FILE, kustomizationViolations } from './kustomization.rules';
import { kubernetesSchemaErrors } from './kubernetes-schema.validator';
import { readYamlDocuments } from './yaml-documents.reader';

const K8S_DIR = join(__dirname, '..', '..', 'k8s');
const NAMESPACE = 'isams-sync';
const SECRET_NAME = 'isams-sync-secrets';

const APPS = [
  { app: 'fetcher', port: 3001, needsSecretsKey: true },
  { app: 'transformer', port: 3002, needsSecretsKey: false },
  { app: 'importer', port: 3003, needsSecretsKey: true },
  { app: 'attendance', port: 3004, needsSecretsKey: true },
] as const;

interface Manifests {
  files: string[];
  documents: ManifestDocument[];
  kustomization: unknown;
}

function loadManifests(): Manifests {
  const files = readdirSync(K8S_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
  const documents = files
    .filter((file) => file !== KUSTOMIZATION_FILE)
    .flatMap((file) => readYamlDocuments(join(K8S_DIR, file)).map((doc) => ({ file, doc })));
  const [kustomization] = readYamlDocuments(join(K8S_DIR, KUSTOMIZATION_FILE));
  return { files, documents, kustomization };
}

/** Schema errors, house rules and the kustomization together: what a broken manifest must show up in. */
function allViolations(manifests: Manifests): string[] {
  return [
    ...manifests.documents.flatMap(({ file, doc }) => kubernetesSchemaErrors(doc).map((error) => `${file}: ${error}`)),
    ...houseRuleViolations(groupByKind(manifests.documents)),
    ...kustomizationViolations(manifests.kustomization, manifests.files, NAMESPACE),
  ];
}

const manifests = loadManifests();
const set = groupByKind(manifests.documents);

function deploymentIn(m: Manifests, name: string): IDeployment {
  const found = m.documents.map(({ doc }) => doc).filter(Deployment.is).find((d) => d.metadata?.name === name);
  if (!found) throw new Error(`no Deployment ${name} in k8s/`);
  return found;
}

function containerIn(m: Manifests, name: string): IContainer {
  return containersOf(deploymentIn(m, name))[0];
}

function serviceIn(m: Manifests, name: string): IService {
  const found = m.documents.map(({ doc }) => doc).filter(Service.is).find((s) => s.metadata?.name === name);
  if (!found) throw new Error(`no Service ${name} in k8s/`);
  return found;
}

function firstOf<T>(m: Manifests, guard: (doc: unknown) => doc is T): T {
  const found = m.documents.map(({ doc }) => doc).find(guard);
  if (!found) throw new Error('kind not found in k8s/');
  return found;
}

function kustomizationResources(m: Manifests): string[] {
  const { resources } = m.kustomization as { resources: string[] };
  return resources;
}

describe('k8s manifests', () => {
  it('hold one Namespace, one ConfigMap, the Secret template and a Deployment + Service per deployed app', () => {
    expect(manifests.documents.map(({ doc }) => doc).filter(Namespace.is).map((n) => n.metadata?.name)).toEqual([NAMESPACE]);
    expect(set.configMaps).toHaveLength(1);
    expect(set.secrets.map((s) => s.metadata?.name)).toEqual([SECRET_NAME]);
    // No Deployment for the simulator (a test double) or the CLI (run with kubectl exec/run).
    expect(set.deployments.map((d) => d.metadata?.name).sort()).toEqual(APPS.map(({ app }) => app).sort());
    expect(set.services.map((s) => s.metadata?.name).sort()).toEqual(APPS.map(({ app }) => app).sort());
  });

  it.each(manifests.documents.map(({ file, doc }) => [file, kindAndName(doc), doc]))(
    '%s: %s is valid against the Kubernetes schema',
    (_file, _what, doc) => {
      expect(kubernetesSchemaErrors(doc)).toEqual([]);
    },
  );

  it('keep every house rule and kustomization.yaml lists every manifest but the Secret template', () => {
    expect(allViolations(manifests)).toEqual([]);
    expect(kustomizationResources(manifests)).not.toContain('secret.example.yaml');
  });

  it('put every object in the isams-sync namespace even without kustomize', () => {
    const misplaced = manifests.documents
      .map(({ doc }) => doc as { kind?: string; metadata?: { name?: string; namespace?: string } })
      .filter((doc) => doc.kind !== 'Namespace' && doc.metadata?.namespace !== NAMESPACE)
      .map((doc) => `${doc.kind}/${doc.metadata?.name}`);
    expect(misplaced).toEqual([]);
  });

  it.each(APPS)('$app runs APP=$app on port $port, reads SECRETS_KEY only if it needs it', ({ app, port, needsSecretsKey }) => {
    const container = containerIn(manifests, app);
    const env = new Map((container.env ?? []).map((e) => [e.name, e]));
    expect(env.get('APP')?.value).toBe(app);
    expect(env.get('HTTP_PORT')?.value).toBe(String(port));
    expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
    expect(serviceIn(manifests, app).spec?.ports?.map((p) => p.port)).toEqual([port]);
    expect(env.has('SECRETS_KEY')).toBe(needsSecretsKey);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'isams-sync-config' } }]);
  });

  it('keep placeholders, never a usable key, in the Secret template', () => {
    const secret = firstOf(manifests, Secret.is);
    const values = secret.stringData ?? {};
    expect(Object.keys(values).sort()).toEqual(['AMQP_URL', 'MONGO_URL', 'SECRETS_KEY']);
    expect(secret.data).toBeUndefined();
    const key = Buffer.from(values.SECRETS_KEY, 'base64');
    expect(key.length === 32 && key.toString('base64') === values.SECRETS_KEY).toBe(false);
    for (const url of [values.AMQP_URL, values.MONGO_URL]) {
      expect(new URL(url).hostname.endsWith('.invalid')).toBe(true);
      expect(new URL(url).username).toMatch(/CHANGE_ME/);
    }
  });

  it('set the shutdown budget the grace periods are measured against', () => {
    expect(firstOf(manifests, ConfigMap.is).data?.SHUTDOWN_TIMEOUT_MS).toBe('10000');
  });
});

describe('k8s manifests: a broken manifest is caught', () => {
  // Each row breaks a copy of the real manifests in one way and names the violation that must appear.
  const breakages: Array<[string, (m: Manifests) => void, string]> = [
    ['readiness probe removed', (m) => delete containerIn(m, 'fetcher').readinessProbe, 'Deployment/fetcher container fetcher: readinessProbe'],
    ['liveness probe on another path', (m) => setProbePath(containerIn(m, 'importer').livenessProbe, '/healthz'), 'Deployment/importer container importer: livenessProbe'],
    ['probe on a port the container lacks', (m) => setProbePort(containerIn(m, 'attendance').readinessProbe, 'metrics'), 'Deployment/attendance container attendance: readinessProbe'],
    ['memory limit removed', (m) => delete containerIn(m, 'transformer').resources?.limits?.memory, 'resources.limits must both set memory'],
    ['cpu request removed', (m) => delete containerIn(m, 'fetcher').resources?.requests?.cpu, 'resources.requests and resources.limits must both set cpu'],
    ['root allowed', (m) => allowRoot(deploymentIn(m, 'importer')), 'Deployment/importer container importer: runAsNonRoot must be true'],
    ['writable root filesystem', (m) => setSecurity(containerIn(m, 'fetcher'), { readOnlyRootFilesystem: false }), 'readOnlyRootFilesystem must be true'],
    ['privilege escalation allowed', (m) => setSecurity(containerIn(m, 'fetcher'), { allowPrivilegeEscalation: true }), 'allowPrivilegeEscalation must be false'],
    ['capabilities kept', (m) => setSecurity(containerIn(m, 'fetcher'), { capabilities: { drop: [] } }), 'capabilities.drop must include ALL'],
    ['grace period under the shutdown timeout', (m) => setGrace(deploymentIn(m, 'transformer'), 10), 'Deployment/transformer: terminationGracePeriodSeconds'],
    ['heap above the memory limit', (m) => setMemoryLimit(containerIn(m, 'transformer'), '1Gi'), 'Deployment/transformer container transformer: NODE_OPTIONS'],
    ['scrape annotation on a wrong port', (m) => setAnnotation(deploymentIn(m, 'fetcher'), 'prometheus.io/port', '9999'), 'Deployment/fetcher: pod needs prometheus.io'],
    ['a string where the schema wants an integer', (m) => setContainerPort(containerIn(m, 'fetcher'), 'http'), 'fetcher.yaml: data/spec/template/spec/containers/0/ports/0/containerPort must be integer'],
    ['a required field removed', (m) => deleteContainerName(containerIn(m, 'importer')), 'importer.yaml: data/spec/template/spec/containers/0 must have required property'],
    ['an unknown kind', (m) => m.documents.push({ file: 'pod.yaml', doc: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } } }), 'no kubernetes-models class registered for apiVersion v1, kind Pod'],
    ['Deployment selector not matching its pods', (m) => setMatchLabel(deploymentIn(m, 'attendance'), 'x'), 'Deployment/attendance: selector.matchLabels'],
    ['Service selector typo', (m) => setServiceSelector(serviceIn(m, 'fetcher'), 'fetch'), 'Deployment/fetcher: no Service in its namespace selects its pods'],
    ['Service targeting a port the pod lacks', (m) => setTargetPort(serviceIn(m, 'importer'), 'web'), 'Service/importer: targetPort web'],
    ['key missing from the Secret template', (m) => delete firstOf(m, Secret.is).stringData?.SECRETS_KEY, 'SECRETS_KEY reads Secret isams-sync-secrets key SECRETS_KEY, missing from the Secret template'],
    ['credential written as a literal', (m) => inlineVariable(containerIn(m, 'fetcher'), 'AMQP_URL'), 'Deployment/fetcher container fetcher: AMQP_URL must come from a secretKeyRef'],
    ['credential in the ConfigMap', (m) => setConfig(m, 'MONGO_URL', 'mongodb://u:p@h/db'), 'ConfigMap/isams-sync-config: MONGO_URL is secret material'],
    ['ConfigMap renamed', (m) => renameConfigMap(m, 'isams-sync-settings'), 'envFrom names ConfigMap isams-sync-config, which is not in k8s/'],
    ['kustomization missing a file', (m) => removeResource(m, 'attendance.yaml'), 'kustomization.yaml: does not list attendance.yaml'],
    ['kustomization listing the Secret template', (m) => kustomizationResources(m).push('secret.example.yaml'), 'kustomization.yaml: lists the template secret.example.yaml'],
    ['kustomization listing a missing file', (m) => kustomizationResources(m).push('gone.yaml'), 'kustomization.yaml: lists gone.yaml'],
  ];

  it.each(breakages)('%s', (_what, breakIt, expected) => {
    const broken = structuredClone(manifests);
    breakIt(broken);
    expect(allViolations(broken)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});

describe('mebibytes', () => {
  it.each([
    ['512Mi', 512],
    ['2Gi', 2048],
    ['1536Ki', 1.5],
    ['0.5Gi', 512],
    [1048576, 1],
    ['1G', Number.NaN],
    ['lots', Number.NaN],
  ] as Array<[string | number, number]>)('%s is %d MiB', (quantity, expected) => {
    expect(mebibytes(quantity)).toBe(expected);
  });
});

function kindAndName(doc: unknown): string {
  const { kind, metadata } = doc as { kind?: string; metadata?: { name?: string } };
  return `${kind}/${metadata?.name}`;
}

function setProbePath(probe: IContainer['livenessProbe'], path: string): void {
  if (probe?.httpGet) probe.httpGet.path = path;
}

function setProbePort(probe: IContainer['readinessProbe'], port: string): void {
  if (probe?.httpGet) probe.httpGet.port = port;
}

function allowRoot(deployment: IDeployment): void {
  const pod = deployment.spec?.template.spec;
  if (pod?.securityContext) pod.securityContext.runAsNonRoot = false;
  for (const container of containersOf(deployment)) {
    if (container.securityContext) container.securityContext.runAsNonRoot = false;
  }
}

function setSecurity(container: IContainer, change: NonNullable<IContainer['securityContext']>): void {
  container.securityContext = { ...container.securityContext, ...change };
}

function setGrace(deployment: IDeployment, seconds: number): void {
  const pod = deployment.spec?.template.spec;
  if (pod) pod.terminationGracePeriodSeconds = seconds;
}

function setMemoryLimit(container: IContainer, memory: string): void {
  container.resources = { ...container.resources, limits: { ...container.resources?.limits, memory } };
}

function setAnnotation(deployment: IDeployment, key: string, value: string): void {
  const metadata = deployment.spec?.template.metadata;
  if (metadata) metadata.annotations = { ...metadata.annotations, [key]: value };
}

function setContainerPort(container: IContainer, value: string): void {
  // Deliberately the wrong type: the schema check must reject it.
  Object.assign(container.ports?.[0] ?? {}, { containerPort: value });
}

function deleteContainerName(container: IContainer): void {
  Reflect.deleteProperty(container, 'name');
}

function setMatchLabel(deployment: IDeployment, name: string): void {
  const selector = deployment.spec?.selector;
  if (selector) selector.matchLabels = { ...selector.matchLabels, 'app.kubernetes.io/name': name };
}

function setServiceSelector(service: IService, name: string): void {
  if (service.spec) service.spec.selector = { ...service.spec.selector, 'app.kubernetes.io/name': name };
}

function setTargetPort(service: IService, port: string): void {
  for (const servicePort of service.spec?.ports ?? []) servicePort.targetPort = port;
}

function inlineVariable(container: IContainer, name: string): void {
  container.env = (container.env ?? []).map((e) => (e.name === name ? { name, value: 'amqp://u:p@h:5672' } : e));
}

function setConfig(m: Manifests, key: string, value: string): void {
  const configMap = firstOf(m, ConfigMap.is);
  configMap.data = { ...configMap.data, [key]: value };
}

function renameConfigMap(m: Manifests, name: string): void {
  const configMap = firstOf(m, ConfigMap.is);
  configMap.metadata = { ...configMap.metadata, name };
}

function removeResource(m: Manifests, file: string): void {
  const resources = kustomizationResources(m);
  resources.splice(resources.indexOf(file), 1);
}
