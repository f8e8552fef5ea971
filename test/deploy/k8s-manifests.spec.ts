import type { IDeployment } from 'kubernetes-models/apps/v1';
import { Secret, Service, type IContainer, type IService } from 'kubernetes-models/v1';
import { asWorkload, containersOf, effectiveVariable, mebibytes } from './k8s-house.rules';
import { INDEX_JOB_NAME } from './k8s-index-job.rules';
import { PRODUCTION_KINDS } from './k8s-overlay.rules';
import { kubernetesSchemaErrors } from './kubernetes-schema.validator';
import { kustomizationViolations, strayManifestViolations } from './kustomization.rules';
import {
  BASE_DIR,
  OVERLAYS,
  SECRET_TEMPLATE_FILE,
  allViolations,
  kindAndName,
  manifestSetOf,
  readKustomizationDir,
  render,
  yamlFilesIn,
  type Rendered,
} from './k8s-manifests.fixture';

const APPS = [
  { app: 'fetcher', port: 3001, needsSecretsKey: true },
  { app: 'transformer', port: 3002, needsSecretsKey: false },
  { app: 'importer', port: 3003, needsSecretsKey: true },
  { app: 'attendance', port: 3004, needsSecretsKey: true },
] as const;
const APP_NAMES = APPS.map(({ app }) => app).sort();

// Rendered once with `kubectl kustomize`; a missing kubectl or an overlay that does not build fails here, saying so.
const base = render('base');
const dev = render('dev');
const production = render('production');
const RENDERED: ReadonlyArray<[string, Rendered]> = [
  ['base', base],
  ['dev', dev],
  ['production', production],
];

function deploymentIn(rendered: Rendered, name: string): IDeployment {
  const found = manifestSetOf(rendered).deployments.find((d) => d.metadata?.name === name);
  if (!found) throw new Error(`no Deployment ${name} rendered from ${rendered.target}`);
  return found;
}

function containerIn(rendered: Rendered, name: string): IContainer {
  return containersOf(asWorkload(deploymentIn(rendered, name)))[0];
}

function serviceIn(rendered: Rendered, name: string): IService {
  const found = rendered.documents
    .map(({ doc }) => doc)
    .filter(Service.is)
    .find((s) => s.metadata?.name === name);
  if (!found) throw new Error(`no Service ${name} rendered from ${rendered.target}`);
  return found;
}

function kindsOf(rendered: Rendered): string[] {
  return [...new Set(rendered.documents.map(({ doc }) => (doc as { kind: string }).kind))].sort();
}

describe('k8s: kustomize renders the base and every overlay', () => {
  it.each(RENDERED)(
    '%s has a Deployment and a Service for each deployed app, and nothing for the simulator or the CLI',
    (_name, rendered) => {
      const set = manifestSetOf(rendered);
      expect(set.deployments.map((d) => d.metadata?.name).sort()).toEqual(APP_NAMES);
      expect(set.services.map((s) => s.metadata?.name).sort()).toEqual(APP_NAMES);
      expect(set.configMaps).toHaveLength(1);
    },
  );

  it('production renders every production-grade kind, including the index Job', () => {
    expect(kindsOf(production)).toEqual(expect.arrayContaining([...PRODUCTION_KINDS, 'Namespace', 'ConfigMap']));
    expect(manifestSetOf(production).jobs.map((j) => j.metadata?.name)).toEqual([INDEX_JOB_NAME]);
  });

  it('the base holds no Namespace and no namespace; each overlay creates its own', () => {
    expect(kindsOf(base)).not.toContain('Namespace');
    expect(
      base.documents.filter(
        ({ doc }) => (doc as { metadata: { namespace?: string } }).metadata.namespace !== undefined,
      ),
    ).toEqual([]);
    for (const { name, namespace } of OVERLAYS) {
      expect(manifestSetOf(name === 'dev' ? dev : production).namespaces.map((n) => n.metadata?.name)).toEqual([
        namespace,
      ]);
    }
  });

  it.each(RENDERED.flatMap(([name, rendered]) => rendered.documents.map(({ doc }) => [name, kindAndName(doc), doc])))(
    '%s: %s is valid against the Kubernetes schema',
    (_name, _what, doc) => {
      expect(kubernetesSchemaErrors(doc)).toEqual([]);
    },
  );

  it.each(RENDERED)('%s keeps every house rule', (_name, rendered) => {
    expect(allViolations(rendered)).toEqual([]);
  });
});

describe('k8s: the kustomizations', () => {
  it('the base lists every file of k8s/base and sets no namespace', () => {
    expect(kustomizationViolations(readKustomizationDir(BASE_DIR), { role: 'base' })).toEqual([]);
  });

  it.each(OVERLAYS)(
    'overlays/$name lists every file of its folder, builds on the base and sets namespace $namespace',
    ({ name, namespace }) => {
      expect(
        kustomizationViolations(readKustomizationDir(`overlays/${name}`), {
          role: 'overlay',
          namespace,
          base: '../../base',
        }),
      ).toEqual([]);
    },
  );

  it('k8s/ itself holds only the Secret template, which no kustomization applies', () => {
    expect(yamlFilesIn('.')).toEqual([SECRET_TEMPLATE_FILE]);
    expect(strayManifestViolations('k8s', yamlFilesIn('.'))).toEqual([]);
  });
});

describe('k8s: what each app gets', () => {
  it.each(APPS)(
    '$app runs APP=$app on port $port, reads SECRETS_KEY only if it needs it',
    ({ app, port, needsSecretsKey }) => {
      const container = containerIn(production, app);
      const env = new Map((container.env ?? []).map((e) => [e.name, e]));
      expect(env.get('APP')?.value).toBe(app);
      expect(env.get('HTTP_PORT')?.value).toBe(String(port));
      expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
      expect(serviceIn(production, app).spec?.ports?.map((p) => p.port)).toEqual([port]);
      expect(env.has('SECRETS_KEY')).toBe(needsSecretsKey);
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'isams-sync-config' } }]);
    },
  );

  it.each(RENDERED)('%s: the single-replica importer is replaced, never rolled beside itself', (_name, rendered) => {
    const importer = deploymentIn(rendered, 'importer');
    expect(importer.spec?.strategy?.type).toBe('Recreate');
    expect(importer.spec?.replicas).toBe(1);
    expect(manifestSetOf(rendered).autoscalers.map((a) => a.spec?.scaleTargetRef.name)).toEqual(['transformer']);
  });

  it('production: indexes come from the Job only, apps in production mode, images pinned in a registry', () => {
    const set = manifestSetOf(production);
    for (const app of APP_NAMES) {
      const container = containerIn(production, app);
      expect([
        effectiveVariable(container, set.configMaps, 'NODE_ENV'),
        effectiveVariable(container, set.configMaps, 'MONGO_AUTO_INDEX'),
      ]).toEqual(['production', 'false']);
      expect(container.image).toMatch(/^[a-z0-9.-]+\.[a-z]+\/isams-sync:\d+\.\d+\.\d+$/);
    }
    expect(JSON.stringify(production.documents)).not.toContain('ISAMS_INSECURE_HOSTS');
  });

  it('production: the index step applies on its own (`apply -k ... -l app.kubernetes.io/component=database-indexes`)', () => {
    const step = production.documents
      .map(({ doc }) => doc as { kind: string; metadata: { name: string; labels?: Record<string, string> } })
      .filter((doc) => doc.metadata.labels?.['app.kubernetes.io/component'] === 'database-indexes');
    expect(step.map(kindAndName).sort()).toEqual([`Job/${INDEX_JOB_NAME}`, `NetworkPolicy/${INDEX_JOB_NAME}`]);
    // Applied before the ConfigMap exists on a first install, so the Job may read only the Secret (created by hand).
    const job = manifestSetOf(production).jobs[0];
    const container = job.spec?.template.spec?.containers[0];
    expect(container?.envFrom).toBeUndefined();
    expect(
      (container?.env ?? []).filter((e) => e.valueFrom !== undefined).map((e) => e.valueFrom?.secretKeyRef?.name),
    ).toEqual(['isams-sync-secrets']);
  });

  it('dev: indexes built at boot, one replica each, no Prometheus Operator objects (dev clusters lack its CRDs)', () => {
    const set = manifestSetOf(dev);
    expect(effectiveVariable(containerIn(dev, 'importer'), set.configMaps, 'MONGO_AUTO_INDEX')).toBe('true');
    expect(set.deployments.filter((d) => d.spec?.replicas !== undefined).map((d) => d.spec?.replicas)).toEqual([
      1, 1, 1,
    ]);
    expect(set.serviceMonitors).toEqual([]);
  });

  it('keep placeholders, never a usable key, in the Secret template', () => {
    const secret = production.secretTemplate.map(({ doc }) => doc).find(Secret.is);
    const values = secret?.stringData ?? {};
    expect(Object.keys(values).sort()).toEqual(['AMQP_URL', 'MONGO_URL', 'SECRETS_KEY']);
    expect(secret?.data).toBeUndefined();
    const key = Buffer.from(values.SECRETS_KEY, 'base64');
    expect(key.length === 32 && key.toString('base64') === values.SECRETS_KEY).toBe(false);
    for (const url of [values.AMQP_URL, values.MONGO_URL]) {
      expect(new URL(url).hostname.endsWith('.invalid')).toBe(true);
      expect(new URL(url).username).toMatch(/CHANGE_ME/);
    }
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
