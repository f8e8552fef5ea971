import { spawnSync } from 'node:child_process';
import { parseYamlDocuments } from './yaml-documents.reader';

const RENDER_TIMEOUT_MS = 60_000;

/**
 * The objects `kubectl kustomize <dir>` renders, exactly what `kubectl apply -k <dir>` would send. Throws with
 * the fix when kubectl is missing, and with kustomize's own message when the directory does not build.
 */
export function renderKustomization(dir: string, kubectl = process.env.KUBECTL ?? 'kubectl'): unknown[] {
  const result = spawnSync(kubectl, ['kustomize', dir], {
    encoding: 'utf8',
    timeout: RENDER_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? `${kubectl} was not found: the k8s checks render every overlay with \`kubectl kustomize\` (kubectl 1.27+ has kustomize v5 built in). ` +
            'Install kubectl (https://kubernetes.io/docs/tasks/tools/) or set KUBECTL to its path, then run npm test again.'
        : `${kubectl} kustomize ${dir} did not finish: ${result.error.message}`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`${kubectl} kustomize ${dir} failed (exit ${result.status}): ${result.stderr.trim()}`);
  }
  return parseYamlDocuments(result.stdout, `${kubectl} kustomize ${dir}`);
}
