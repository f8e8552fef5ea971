import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import mongoose from 'mongoose';
import { DATASETS, type Dataset, REQUIRED_DATASETS } from '@isams-sync/isams';
import {
  SchoolExistsError,
  SchoolNotFoundError,
  type SchoolPublic,
  SchoolRepository,
  SchoolValidationError,
} from '@isams-sync/persistence';
import { SecretCipher, SecretDecryptError } from '@isams-sync/secrets';
import { loadCliConfig, requireSecretsKey } from '../config/cli.config';
import { cliActor } from './cli-messaging';
import { type CliContext, CliUsageError, type CliIo, exitWith, type RegisterCommand } from './command';

const VERBS = ['add', 'update', 'show', 'list', 'remove'] as const;
type Verb = (typeof VERBS)[number];

/** Every settings flag, the input field it sets, and how to read its text. */
const FIELD_FLAGS = [
  { flag: 'id', field: 'id' },
  { flag: 'name', field: 'name' },
  { flag: 'access-url', field: 'accessUrl' },
  { flag: 'timezone', field: 'timezone' },
  ...DATASETS.map((d) => ({ flag: `key-${d}`, field: `batchKeys.${d}` })),
  { flag: 'rest-client-id', field: 'rest.clientId' },
  { flag: 'rest-client-secret', field: 'rest.clientSecret' },
  { flag: 'rest-token-path', field: 'rest.tokenPath' },
  { flag: 'am-register-id', field: 'rest.amRegisterId' },
  { flag: 'pm-register-id', field: 'rest.pmRegisterId' },
  { flag: 'contact-types', field: 'contactFilter.types', kind: 'list' },
  { flag: 'mail-options', field: 'contactFilter.mailOptions', kind: 'list' },
  { flag: 'year-groups', field: 'contactFilter.yearGroups', kind: 'list' },
  { flag: 'window-start', field: 'nightlyWindow.start' },
  { flag: 'window-end', field: 'nightlyWindow.end' },
  { flag: 'removal-percent', field: 'thresholds.removalPercent', kind: 'number' },
  { flag: 'update-percent', field: 'thresholds.updatePercent', kind: 'number' },
  { flag: 'medical-opt-in', field: 'medicalOptIn', kind: 'boolean' },
  { flag: 'enabled', field: 'enabled', kind: 'boolean' },
] as const;

const HELP = `
  add     --file school.json (- for standard input) | --id ID --name NAME --access-url URL --timezone TZ ${REQUIRED_DATASETS.map((d) => `--key-${d} KEY`).join(' ')} [more]
  update  --id ID [--file changes.json] [any setting flag]   only what you give changes; in the file, null removes an optional field
  show    --id ID [--json]
  list    [--json]
  remove  --id ID --yes       deletes the school and ALL of its data (runs, snapshots, records, users)
add, update and remove record who made the change: --actor NAME, or ISAMS_SYNC_ACTOR (required when
NODE_ENV=production); 'school show' prints it. --json prints the school (or the removal) as JSON.

Settings (flags override the same fields from --file):
  --id ID                     2-63 lower-case letters, digits or dashes (e.g. st-marys)
  --name NAME                 --access-url URL (https; http only for hosts in ISAMS_INSECURE_HOSTS)   --timezone TZ (IANA, e.g. Europe/London)
  ${DATASETS.map((d) => `--key-${d}`).join(' ')}   one Batch key per dataset (medical optional)
  --rest-client-id --rest-client-secret --rest-token-path (default /auth/connect/token) --am-register-id --pm-register-id
  --contact-types Mother,Father   --mail-options allMerges,correspondence   --year-groups "Year 7,Year 8"
  --window-start 01:00 --window-end 03:00   --removal-percent 10 --update-percent 75
  --medical-opt-in true|false --enabled true|false

The file is JSON with the same fields (YAML is not supported): {"id": ..., "batchKeys": {"pupils": ...}, "rest": {...}, ...}.
Prefer --file for keys: flags are visible in shell history and the process list. Secrets are never printed, only
fingerprints such as ••••5555.
Environment: MONGO_URL (default mongodb://127.0.0.1:27017/isams-sync), SECRETS_KEY (required; base64 of 32 bytes),
ISAMS_INSECURE_HOSTS (hosts that may use plain http, e.g. the simulator's; never set in production).
Exit 0 on success, 1 when the school is not found or the settings are invalid, 2 on a usage mistake.`;

type Values = Record<string, string | boolean | undefined>;

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

function parseFlagValue(flag: string, kind: string | undefined, text: string): unknown {
  if (kind === 'list')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  // Leave text that is not a number as text: the school validation then names the field.
  if (kind === 'number') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (kind === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new CliUsageError(`--${flag} must be true or false`);
    return text === 'true';
  }
  return text;
}

function settingsFromFlags(values: Values): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const { flag, field, ...rest } of FIELD_FLAGS) {
    const text = values[flag];
    if (typeof text === 'string')
      setPath(settings, field, parseFlagValue(flag, 'kind' in rest ? rest.kind : undefined, text));
  }
  return settings;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON only ('-' reads standard input). A parse error is reported without its snippet of the file, which may hold a key. */
async function readSettingsFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    throw new SchoolInputFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SchoolInputFileError(`${path} is not valid JSON (only JSON files are supported)`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SchoolInputFileError(`${path} must hold one JSON object with the school's fields`);
  return parsed as Record<string, unknown>;
}

class SchoolInputFileError extends Error {}

/** Flags win over the file, field by field. */
function mergeInputs(file: Record<string, unknown>, flags: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...file };
  for (const [key, value] of Object.entries(flags)) {
    const base = result[key];
    result[key] =
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof base === 'object' &&
      base !== null &&
      !Array.isArray(base)
        ? { ...(base as Record<string, unknown>), ...(value as Record<string, unknown>) }
        : value;
  }
  return result;
}

/** "batchKeys.pupils: is required" → "... (--key-pupils, or "batchKeys.pupils" in the file)". */
function withFix(problem: string): string {
  const field = problem.slice(0, problem.indexOf(':'));
  const match = FIELD_FLAGS.find((f) => f.field === field || field.startsWith(`${f.field}.`));
  return match ? `${problem} (set --${match.flag}, or "${match.field}" in the file)` : problem;
}

const none = (value: string | undefined) => value ?? '-';

function describeSchool(school: SchoolPublic): string[] {
  const keys = DATASETS.map(
    (d: Dataset) => `${d} ${school.batchKeys[d] ?? (d === 'medical' ? '(none)' : '(MISSING)')}`,
  ).join(', ');
  const rest = school.rest
    ? `client ${school.rest.clientId}, secret ${school.rest.clientSecret}, token path ${school.rest.tokenPath}, AM register ${none(school.rest.amRegisterId)}, PM register ${none(school.rest.pmRegisterId)}`
    : '(not configured: no attendance)';
  const filter = school.contactFilter;
  return [
    `school ${school.id}: ${school.name} (${school.enabled ? 'enabled' : 'DISABLED'})`,
    `  iSAMS address:   ${school.accessUrl}`,
    `  timezone:        ${school.timezone}, nightly window ${school.nightlyWindow.start}-${school.nightlyWindow.end} local`,
    `  batch keys:      ${keys}`,
    `  REST:            ${rest}`,
    `  contacts:        types ${filter.types.join(', ')}; mail options ${filter.mailOptions.join(', ')}; year groups ${filter.yearGroups?.join(', ') ?? 'all'}`,
    `  hold run when:   removals > ${school.thresholds.removalPercent}% or updates > ${school.thresholds.updatePercent}%`,
    `  medical:         ${school.medicalOptIn ? 'opted in' : 'not opted in'}`,
    ...(school.updatedAt
      ? [`  last changed:    ${school.updatedAt.toISOString()}${school.updatedBy ? ` by ${school.updatedBy}` : ''}`]
      : []),
  ];
}

function requireId(values: Values, verb: Verb): string {
  if (typeof values.id !== 'string' || values.id === '') throw new CliUsageError(`${verb} needs --id`);
  return values.id;
}

async function runVerb(
  verb: Verb,
  values: Values,
  repository: SchoolRepository,
  io: CliIo,
  actor: string,
): Promise<number> {
  const print = (school: SchoolPublic) =>
    values.json ? io.out(JSON.stringify(school, null, 2)) : describeSchool(school).forEach((l) => io.out(l));
  switch (verb) {
    case 'add':
    case 'update': {
      const file = typeof values.file === 'string' ? await readSettingsFile(values.file) : {};
      const input = mergeInputs(file, settingsFromFlags(values));
      if (verb === 'add') {
        const added = await repository.add(input, actor);
        if (!values.json) io.out(`added school ${added.id}`);
        print(added);
      } else {
        const id = requireId(values, verb);
        const { id: givenId, ...changes } = input;
        if (Object.keys(changes).length === 0)
          throw new CliUsageError('update needs at least one setting to change (a flag or --file)');
        const updated = await repository.update(id, givenId === undefined || givenId === id ? changes : input, actor);
        if (!values.json) io.out(`updated school ${updated.id}`);
        print(updated);
      }
      return 0;
    }
    case 'show': {
      const id = requireId(values, verb);
      const school = await repository.getPublic(id);
      if (!school) throw new SchoolNotFoundError(id);
      print(school);
      return 0;
    }
    case 'list': {
      const schools = await repository.list();
      if (values.json) io.out(JSON.stringify(schools, null, 2));
      else if (schools.length === 0) io.out("no schools yet (add one with 'isams-sync school add')");
      else
        for (const s of schools) {
          const keys = DATASETS.filter((d) => s.batchKeys[d]).length;
          io.out(
            `${s.id.padEnd(24)} ${s.enabled ? 'enabled ' : 'DISABLED'} ${s.timezone.padEnd(20)} ${s.nightlyWindow.start}-${s.nightlyWindow.end}  ${keys} keys  ${s.name}`,
          );
        }
      return 0;
    }
    case 'remove': {
      const id = requireId(values, verb);
      if (!values.yes)
        throw new CliUsageError(`remove deletes school '${id}' and all of its data; add --yes to confirm`);
      const removal = await repository.remove(id);
      if (!removal) throw new SchoolNotFoundError(id);
      const detail = Object.entries(removal.deleted)
        .map(([collection, n]) => `${collection} ${n}`)
        .join(', ');
      if (values.json)
        io.out(JSON.stringify({ removed: id, removedBy: actor, total: removal.total, deleted: removal.deleted }));
      else io.out(`removed school ${id} (by ${actor}): ${removal.total} documents (${detail})`);
      return 0;
    }
  }
}

/** Options as `{ 'access-url': … }`, the flag names FIELD_FLAGS uses, from commander's camelCase. */
function flagValues(command: Command): Values {
  const opts = command.opts<Record<string, string | boolean | undefined>>();
  return Object.fromEntries(
    command.options.map((o) => [o.long?.replace(/^--/, '') ?? o.name(), opts[o.attributeName()]]),
  );
}

const SUMMARY: Record<Verb, string> = {
  add: 'register a school: its iSAMS address, keys and settings',
  update: "change some of a school's settings",
  show: "print a school's settings (secrets as fingerprints)",
  list: 'list the schools',
  remove: 'delete a school and ALL of its data',
};

export const registerSchool: RegisterCommand = (program, ctx) => {
  const school = program
    .command('school')
    .summary('add, update, show, list or remove a school (its iSAMS address, keys and settings)')
    .addHelpText('after', HELP);
  for (const verb of VERBS) {
    const command = school.command(verb).summary(SUMMARY[verb]).addHelpText('after', HELP);
    if (verb === 'add' || verb === 'update') {
      command.option('--file <path.json>', 'the settings as JSON (flags override its fields)');
      for (const { flag } of FIELD_FLAGS) command.option(`--${flag} <value>`);
    } else if (verb !== 'list') command.requiredOption('--id <id>', 'the school');
    if (verb === 'remove') command.option('--yes', 'confirm: every document of the school is deleted');
    if (verb === 'add' || verb === 'update' || verb === 'remove')
      command.option(
        '--actor <name>',
        'who makes the change (default ISAMS_SYNC_ACTOR; the OS user outside production)',
      );
    command.option('--json', 'print the result as JSON');
    command.action(exitWith(ctx, (_opts: unknown, self: Command) => schoolVerb(verb, flagValues(self), ctx)));
  }
};

async function schoolVerb(verb: Verb, values: Values, { io, env }: CliContext): Promise<number> {
  const config = loadCliConfig(env);
  // reading needs no name; a change records who made it
  const actor =
    verb === 'show' || verb === 'list'
      ? ''
      : cliActor(config, typeof values.actor === 'string' ? values.actor : undefined);
  const cipher = SecretCipher.fromBase64(requireSecretsKey(config));
  const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    return await runVerb(
      verb,
      values,
      SchoolRepository.onConnection(connection, cipher, { insecureHosts: config.ISAMS_INSECURE_HOSTS }),
      io,
      actor,
    );
  } catch (error) {
    if (error instanceof SchoolValidationError) {
      io.err(error.message.split('\n')[0]);
      for (const problem of error.problems) io.err(`  - ${withFix(problem)}`);
      return 1;
    }
    if (
      error instanceof SchoolNotFoundError ||
      error instanceof SchoolExistsError ||
      error instanceof SecretDecryptError ||
      error instanceof SchoolInputFileError
    ) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await connection.close();
  }
}
