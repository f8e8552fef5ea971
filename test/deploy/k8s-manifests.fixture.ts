import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { availabilityViolations } from './k8s-availability.rules';
import { groupByKind, workloadViolations, type ManifestDocument, type ManifestSet } from './k8s-house.rules';
import { indexJobViolations } from './k8s-index-job.rules';
import { monitoringViolations } from './k8s-monitoring.rules';
import { networkViolations } from './k8s-network.rules';
import { baseViolations, namespaceViolations, productionViolations } from './k8s-overlay.rules';
import { referenceViolations, serviceViolations } from './k8s-references.rules';
import { KUSTOMIZATION_FILE, type KustomizationDir } from './kustomization.rules';
import { kubernetesSchemaErrors } from './kubernetes-schema.validator';
import { renderKustomization } from './kustomize.renderer';
import { readYamlDocuments } from './yaml-documents.reader';

export const K8S_DIR = join(__dirname, '..', '..', 'k8s');
export const SECRET_TEMPLATE_FILE = 'secret.example.yaml';
export const BASE_DIR = 'base';

export const OVERLAYS = [
  { name: 'dev', namespace: 'isams-sync-dev' },
  { name: 'production', namespace: 'isams-sync' },
] as const;
export type OverlayName = (typeof OVERLAYS)[number]['name'];

/** What kustomize rendered from one directory of k8s/, plus the Secret template the pods' references point at. */
export interface Rendered {
  readonly target: 'base' | OverlayName;
  readonly documents: ManifestDocument[];
  readonly secretTemplate: ManifestDocument[];
}

export function yamlFilesIn(relativeDir: string): string[] {
  return readdirSync(join(K8S_DIR, relativeDir))
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
}

export function readKustomizationDir(relativeDir: string): KustomizationDir {
  const [kustomization] = readYamlDocuments(join(K8S_DIR, relativeDir, KUSTOMIZATION_FILE));
  return { dir: `k8s/${relativeDir}`, kustomization, yamlFiles: yamlFilesIn(relativeDir) };
}

export function render(target: Rendered['target']): Rendered {
  const relativeDir = target === 'base' ? BASE_DIR : join('overlays', target);
  const source = `k8s/${relativeDir}`;
  return {
    target,
    documents: renderKustomization(join(K8S_DIR, relativeDir)).map((doc) => ({ file: source, doc })),
    secretTemplate: readYamlDocuments(join(K8S_DIR, SECRET_TEMPLATE_FILE)).map((doc) => ({
      file: SECRET_TEMPLATE_FILE,
      doc,
    })),
  };
}

/** The rendered objects with the Secret template, which kustomize never applies but the pods read from. */
export function manifestSetOf(rendered: Rendered): ManifestSet {
  return groupByKind([...rendered.documents, ...rendered.secretTemplate]);
}

/** Everything a broken manifest must show up in: schema errors, house rules and the rules of its target. */
export function allViolations(rendered: Rendered): string[] {
  const set = manifestSetOf(rendered);
  const { documents, target } = rendered;
  const overlay = OVERLAYS.find((o) => o.name === target);
  return [
    ...[...documents, ...rendered.secretTemplate].flatMap(({ file, doc }) =>
      kubernetesSchemaErrors(doc).map((error) => `${file} ${kindAndName(doc)}: ${error}`),
    ),
    ...workloadViolations(set),
    ...serviceViolations(set),
    ...referenceViolations(set),
    ...availabilityViolations(set),
    ...networkViolations(set),
    ...monitoringViolations(set, { required: target !== 'dev' }),
    ...indexJobViolations(set),
    ...(overlay ? namespaceViolations(documents, overlay.namespace) : baseViolations(documents, set)),
    ...(target === 'production' ? productionViolations(documents, set) : []),
  ];
}

export function kindAndName(doc: unknown): string {
  const { kind, metadata } = doc as { kind?: string; metadata?: { name?: string } };
  return `${kind}/${metadata?.name}`;
}
