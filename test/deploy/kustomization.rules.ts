export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** Templates with placeholder values (the Secret): kept beside the manifests but never applied by kustomize. */
export function isTemplateFile(file: string): boolean {
  return file.endsWith('.example.yaml');
}

/** One kustomization directory as read from disk. */
export interface KustomizationDir {
  /** e.g. k8s/base, for messages */
  readonly dir: string;
  readonly kustomization: unknown;
  /** the YAML files in the directory, kustomization.yaml included */
  readonly yamlFiles: readonly string[];
}

/** The base sets no namespace; an overlay sets its own and builds on the base. */
export type KustomizationRole =
  { readonly role: 'base' } | { readonly role: 'overlay'; readonly namespace: string; readonly base: string };

/**
 * A kustomization lists every YAML file of its directory (as a resource or a patch) except the templates, lists
 * nothing that is missing, and keeps to its role: no namespace in the base, the overlay's namespace and the base
 * in an overlay.
 */
export function kustomizationViolations(
  { dir, kustomization, yamlFiles }: KustomizationDir,
  expected: KustomizationRole,
): string[] {
  const where = `${dir}/${KUSTOMIZATION_FILE}`;
  if (typeof kustomization !== 'object' || kustomization === null) {
    return [`${where}: is not a YAML mapping`];
  }
  const { apiVersion, kind, resources, patches = [], namespace } = kustomization as Record<string, unknown>;
  const violations: string[] = [];
  if (apiVersion !== 'kustomize.config.k8s.io/v1beta1' || kind !== 'Kustomization') {
    violations.push(`${where}: must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization`);
  }
  if (expected.role === 'base' && namespace !== undefined) {
    violations.push(`${where}: sets namespace ${String(namespace)}; the base must leave the namespace to the overlays`);
  }
  if (expected.role === 'overlay' && namespace !== expected.namespace) {
    violations.push(`${where}: namespace must be ${expected.namespace}`);
  }
  if (!isStringList(resources)) {
    return [...violations, `${where}: resources must be a list of file or directory names`];
  }
  if (expected.role === 'overlay' && !resources.includes(expected.base)) {
    violations.push(`${where}: does not build on the base (${expected.base} missing from resources)`);
  }
  const patchFiles = Array.isArray(patches)
    ? patches.map((p) => (p as { path?: unknown }).path).filter((p): p is string => typeof p === 'string')
    : [];
  const listed = [...resources.filter((r) => !r.startsWith('../')), ...patchFiles];
  const manifests = yamlFiles.filter((file) => file !== KUSTOMIZATION_FILE && !isTemplateFile(file));
  for (const file of manifests.filter((f) => !listed.includes(f))) {
    violations.push(`${where}: does not list ${file} (neither a resource nor a patch)`);
  }
  for (const entry of listed.filter((r) => !yamlFiles.includes(r))) {
    violations.push(`${where}: lists ${entry}, which is not a file in ${dir}`);
  }
  for (const entry of listed.filter(isTemplateFile)) {
    violations.push(`${where}: lists the template ${entry}; placeholders must never be applied`);
  }
  return violations;
}

/** k8s/ itself holds only templates and documentation: a manifest there would be in no kustomization. */
export function strayManifestViolations(dir: string, yamlFiles: readonly string[]): string[] {
  return yamlFiles
    .filter((file) => !isTemplateFile(file))
    .map((file) => `${dir}/${file}: is in no kustomization; put it in base/ (every deployment) or an overlay`);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
