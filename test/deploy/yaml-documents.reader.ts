import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export interface YamlReadOptions {
  /** Docker Compose resolves YAML 1.1 `<<` merge keys; Kubernetes manifests here do not use them. */
  readonly mergeKeys?: boolean;
}

/**
 * Every non-empty document of a YAML file, as plain data. A syntax error anywhere throws, naming the file,
 * so a broken file fails its test instead of silently yielding fewer documents.
 */
export function readYamlDocuments(path: string, options: YamlReadOptions = {}): unknown[] {
  return parseYamlDocuments(readFileSync(path, 'utf8'), path, options);
}

/** The same for YAML text (e.g. what `kubectl kustomize` printed); `source` names it in errors. */
export function parseYamlDocuments(text: string, source: string, options: YamlReadOptions = {}): unknown[] {
  const documents = parseAllDocuments(text, { merge: options.mergeKeys ?? false });
  const broken = documents.flatMap((document) => document.errors.map((error) => error.message));
  if (broken.length > 0) {
    throw new Error(`${source} is not valid YAML: ${broken.join('; ')}`);
  }
  return documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown).filter((data) => data != null);
}
