import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APPS_PROFILE,
  COMPOSE_APPS,
  PIPELINE_APP_VARIABLES,
  composeHouseViolations,
  environmentOf,
  type ComposeFile,
  type ComposeService,
} from './compose-house.rules';
import { composeSchemaErrors } from './compose-schema.validator';
import { readYamlDocuments } from './yaml-documents.reader';

const COMPOSE_PATH = join(__dirname, '..', '..', 'docker-compose.yml');

function loadCompose(): unknown {
  const documents = readYamlDocuments(COMPOSE_PATH, { mergeKeys: true });
  expect(documents).toHaveLength(1);
  return documents[0];
}

const compose = loadCompose();

/** The schema first: the house rules only make sense on a file Compose itself would accept. */
function allViolations(doc: unknown): string[] {
  const schemaErrors = composeSchemaErrors(doc);
  return schemaErrors.length > 0 ? schemaErrors : composeHouseViolations(doc as ComposeFile);
}

function serviceIn(doc: unknown, name: string): ComposeService {
  const service = (doc as ComposeFile).services?.[name];
  if (!service) throw new Error(`no service ${name} in docker-compose.yml`);
  return service;
}

/** `${SECRETS_KEY:-default}` → default: the value Compose uses when the developer sets nothing. */
function interpolationDefault(value: string): string {
  return /^\$\{[A-Z_]+:-(.*)\}$/.exec(value)?.[1] ?? value;
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('keeps every house rule', () => {
    expect(composeHouseViolations(compose as ComposeFile)).toEqual([]);
  });

  it.each(COMPOSE_APPS)('$service is built with APP=$service behind the apps profile', (app) => {
    const service = serviceIn(compose, app.service);
    expect(service.profiles).toEqual([APPS_PROFILE]);
    expect(service.build).toEqual({ context: '.', args: { APP: app.service } });
  });

  it.each(COMPOSE_APPS.filter((app) => app.needsSecretsKey).map((app) => app.service))(
    '%s gets a dev-only SECRETS_KEY that says so when decoded and is a valid 32-byte key',
    (name) => {
      const key = interpolationDefault(environmentOf(serviceIn(compose, name)).SECRETS_KEY);
      const bytes = Buffer.from(key, 'base64');
      expect(bytes).toHaveLength(32);
      expect(bytes.toString('base64')).toBe(key);
      expect(bytes.toString('latin1')).toMatch(/^dev-only/);
      expect(readFileSync(COMPOSE_PATH, 'utf8')).toMatch(/DEV ONLY, NOT A SECRET/);
    },
  );

  it('points the pipeline apps at the compose services, not at localhost', () => {
    for (const app of COMPOSE_APPS.filter((a) => a.usesServices)) {
      const env = environmentOf(serviceIn(compose, app.service));
      expect(new URL(env.AMQP_URL).hostname).toBe('rabbitmq');
      expect(new URL(env.MONGO_URL).hostname).toBe('mongo');
    }
  });
});

describe('docker-compose.yml: a broken file is caught', () => {
  // Each row breaks a copy of the real file in one way and names the violation that must appear.
  const breakages: Array<[string, (doc: unknown) => void, string]> = [
    ['unknown service key', (d) => Object.assign(serviceIn(d, 'mongo'), { healthckeck: {} }), 'must NOT have additional properties (healthckeck)'],
    ['wrong type', (d) => Object.assign(serviceIn(d, 'rabbitmq'), { ports: 'all' }), '/services/rabbitmq/ports must be array'],
    ['invalid depends_on condition', (d) => setDependsOn(serviceIn(d, 'fetcher'), 'mongo', 'service_ready'), '/services/fetcher/depends_on'],
    ['older MongoDB', (d) => Object.assign(serviceIn(d, 'mongo'), { image: 'mongo:6' }), 'mongo: image must be mongo:7'],
    ['RabbitMQ without management', (d) => Object.assign(serviceIn(d, 'rabbitmq'), { image: 'rabbitmq:3.13' }), 'rabbitmq: image must be rabbitmq:3.13-management'],
    ['healthcheck removed', (d) => delete serviceIn(d, 'rabbitmq').healthcheck, 'rabbitmq: needs a healthcheck'],
    ['healthcheck disabled', (d) => Object.assign(serviceIn(d, 'importer'), { healthcheck: { disable: true } }), 'importer: needs a healthcheck'],
    ['database volume removed', (d) => delete serviceIn(d, 'mongo').volumes, 'mongo: needs a volume on /data/db'],
    ['management port not published', (d) => Object.assign(serviceIn(d, 'rabbitmq'), { ports: ['127.0.0.1:5672:5672'] }), 'rabbitmq: must publish port 15672'],
    ['port open to the network', (d) => Object.assign(serviceIn(d, 'mongo'), { ports: ['27017:27017'] }), 'mongo: port "27017:27017" must be published on 127.0.0.1 only'],
    ['infrastructure behind a profile', (d) => Object.assign(serviceIn(d, 'mongo'), { profiles: ['db'] }), 'mongo: must not sit behind a profile'],
    ['app outside the apps profile', (d) => delete serviceIn(d, 'transformer').profiles, 'transformer: must be behind the "apps" profile'],
    ['app built as another app', (d) => Object.assign(serviceIn(d, 'attendance'), { build: { context: '.', args: { APP: 'fetcher' } } }), 'attendance: must be built from the Dockerfile with build arg APP=attendance'],
    ['app started before MongoDB is healthy', (d) => setDependsOn(serviceIn(d, 'importer'), 'mongo', 'service_started'), 'importer: depends_on mongo must use condition service_healthy'],
    ['variable missing', (d) => removeVariable(serviceIn(d, 'fetcher'), 'AMQP_PREFETCH'), 'fetcher: environment must name AMQP_PREFETCH'],
    ['wrong port', (d) => setVariable(serviceIn(d, 'attendance'), 'HTTP_PORT', '3001'), 'attendance: HTTP_PORT must be 3004'],
    ['key given to an app that needs none', (d) => setVariable(serviceIn(d, 'transformer'), 'SECRETS_KEY', 'x'), 'transformer: SECRETS_KEY must be absent'],
    ['key missing', (d) => removeVariable(serviceIn(d, 'importer'), 'SECRETS_KEY'), 'importer: SECRETS_KEY must be set'],
    ['simulator removed', (d) => delete (d as ComposeFile).services?.['isams-simulator'], 'isams-simulator: service is missing'],
  ];

  it.each(breakages)('%s', (_what, breakIt, expected) => {
    const broken = structuredClone(compose);
    breakIt(broken);
    expect(allViolations(broken)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('names every pipeline variable in the rule set the brief lists', () => {
    // Guards the rule table itself: dropping a variable from it would silently weaken the check above.
    expect([...PIPELINE_APP_VARIABLES].sort()).toEqual(
      ['AMQP_PREFETCH', 'AMQP_URL', 'HTTP_PORT', 'LOG_LEVEL', 'MESSAGING_PREFIX', 'METRICS_ENABLED', 'MONGO_URL', 'NODE_ENV', 'SHUTDOWN_TIMEOUT_MS'],
    );
  });
});

function setDependsOn(service: ComposeService, dependency: string, condition: string): void {
  service.depends_on = { ...(service.depends_on as Record<string, { condition?: string }>), [dependency]: { condition } };
}

function setVariable(service: ComposeService, name: string, value: string): void {
  service.environment = { ...environmentOf(service), [name]: value };
}

function removeVariable(service: ComposeService, name: string): void {
  service.environment = Object.fromEntries(Object.entries(environmentOf(service)).filter(([key]) => key !== name));
}
