import { join } from 'node:path';
import { type ComposeFile, type ComposeService, environmentOf } from './compose-house.rules';
import { readYamlDocuments } from './yaml-documents.reader';

export const COMPOSE_PATH = join(__dirname, '..', '..', 'docker-compose.yml');

/** docker-compose.yml as Compose reads it (YAML merge keys resolved). */
export function loadComposeFile(): ComposeFile {
  const documents = readYamlDocuments(COMPOSE_PATH, { mergeKeys: true });
  if (documents.length !== 1) throw new Error(`${COMPOSE_PATH} must hold exactly one YAML document`);
  return documents[0] as ComposeFile;
}

export function composeService(compose: ComposeFile, name: string): ComposeService {
  const service = compose.services?.[name];
  if (!service) throw new Error(`no service ${name} in docker-compose.yml`);
  return service;
}

/** `${SECRETS_KEY:-default}` → default: the value Compose uses when the developer sets nothing. */
export function interpolationDefault(value: string): string {
  return value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
}

/** The environment a container of this service starts with when the developer sets nothing. */
export function resolvedEnvironment(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environmentOf(service)).map(([key, value]) => [key, interpolationDefault(value)]),
  );
}

/** A command or entrypoint as the exec form Compose runs ("a b" strings split on spaces, as Compose does). */
export function execForm(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : value.split(/\s+/).filter(Boolean);
}
