import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type SchemaObject } from 'ajv';
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';
import type { ComposeFile } from './compose-house.rules';

/**
 * The Compose Specification's JSON schema (compose-spec.json), vendored unchanged from the npm tarball
 * dclint@3.1.0, file package/schemas/compose.schema.json
 * (integrity sha512-afTGdzRFUXK4yCpIiEW/LOR+9TOMEDhNldDp56VCWzn7JDmD451PcUi640GGlMHgbHKJ10rDBm4PtpcBbjqlXw==,
 * file sha256 46b7d35f19dd93a05f8fea530291bf84d881c1791ec167ecf0e6fb94e639d496). The schema is the
 * compose-spec project's, Apache-2.0. Replace the file with a newer copy when Compose adds fields we use.
 */
const SCHEMA_PATH = join(__dirname, 'compose-spec.schema.json');

function loadSchema(): SchemaObject {
  const schema: unknown = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new Error(`${SCHEMA_PATH} is not a JSON schema object`);
  }
  return schema;
}

function compileComposeValidator() {
  const schema = loadSchema();
  // strictTypes is Ajv's lint of how a schema is written; the upstream schema relies on implied types, which
  // changes nothing about what it accepts. Unknown keywords and formats still fail compilation.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  // The schema names its meta-schema "https://json-schema.org/draft-07/schema", a spelling Ajv does not
  // register for draft-07 (it knows "http://json-schema.org/draft-07/schema#"), so register it under that id too.
  if (typeof schema.$schema === 'string' && !ajv.getSchema(schema.$schema)) {
    ajv.addMetaSchema({ ...draft07MetaSchema, $id: schema.$schema });
  }
  return ajv.compile<ComposeFile>(schema);
}

let validator: ReturnType<typeof compileComposeValidator> | undefined;

/** Errors of a parsed Compose file (merge keys resolved) against the Compose Specification. */
export function composeSchemaErrors(doc: unknown): string[] {
  validator ??= compileComposeValidator();
  if (validator(doc)) {
    return [];
  }
  return (validator.errors ?? []).map((error) => {
    const extra =
      error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : '';
    return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
  });
}
