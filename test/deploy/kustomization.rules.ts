export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** Templates with placeholder values (the Secret): kept beside the manifests but never applied by kustomize. */
export function isTemplateFile(file: string): boolean {
  return file.endsWith('.example.yaml');
}

/**
 * kustomization.yaml lists every manifest file in k8s/ except the templates, lists nothing that is missing,
 * and puts everything in the expected namespace.
 */
export function kustomizationViolations(kustomization: unknown, yamlFiles: readonly string[], namespace: string): string[] {
  if (typeof kustomization !== 'object' || kustomization === null) {
    return [`${KUSTOMIZATION_FILE}: is not a YAML mapping`];
  }
  const { apiVersion, kind, resources, namespace: declared } = kustomization as Record<string, unknown>;
  const violations: string[] = [];
  if (apiVersion !== 'kustomize.config.k8s.io/v1beta1' || kind !== 'Kustomization') {
    violations.push(`${KUSTOMIZATION_FILE}: must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization`);
  }
  if (declared !== namespace) {
    violations.push(`${KUSTOMIZATION_FILE}: namespace must be ${namespace}`);
  }
  if (!Array.isArray(resources) || !resources.every((r): r is string => typeof r === 'string')) {
    return [...violations, `${KUSTOMIZATION_FILE}: resources must be a list of file names`];
  }
  const manifests = yamlFiles.filter((file) => file !== KUSTOMIZATION_FILE && !isTemplateFile(file));
  for (const file of manifests.filter((f) => !resources.includes(f))) {
    violations.push(`${KUSTOMIZATION_FILE}: does not list ${file}`);
  }
  for (const resource of resources.filter((r) => !yamlFiles.includes(r))) {
    violations.push(`${KUSTOMIZATION_FILE}: lists ${resource}, which is not a file in k8s/`);
  }
  for (const resource of resources.filter(isTemplateFile)) {
    violations.push(`${KUSTOMIZATION_FILE}: lists the template ${resource}; placeholders must never be applied`);
  }
  return violations;
}
