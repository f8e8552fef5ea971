import { readFileSync } from 'node:fs';
import {
  APPS_PROFILE,
  COMPOSE_APPS,
  IMAGES,
  PIPELINE_APP_VARIABLES,
  composeHouseViolations,
  environmentOf,
  type ComposeFile,
  type ComposeService,
} from './compose-house.rules';
import { composeSchemaErrors } from './compose-schema.validator';
import { COMPOSE_PATH, composeService, interpolationDefault, loadComposeFile } from './compose-file';

const compose: unknown = loadComposeFile();

/** The schema first: the house rules only make sense on a file Compose itself would accept. */
function allViolations(doc: unknown): string[] {
  const schemaErrors = composeSchemaErrors(doc);
  return schemaErrors.length > 0 ? schemaErrors : composeHouseViolations(doc as ComposeFile);
}

function serviceIn(doc: unknown, name: string): ComposeService {
  return composeService(doc as ComposeFile, name);
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('keeps every house rule', () => {
    expect(composeHouseViolations(compose as ComposeFile)).toEqual([]);
  });

  it.each(COMPOSE_APPS)('$service runs from the $image image with APP=$service', (app) => {
    const service = serviceIn(compose, app.service);
    expect(service.profiles).toEqual(app.profiles);
    expect(service.build).toEqual({ context: '.', target: IMAGES[app.image].target });
    expect(environmentOf(service).APP).toBe(app.service);
  });

  it('keeps the simulator out of the production profile: the apps profile alone starts no test double', () => {
    const inApps = Object.entries((compose as ComposeFile).services ?? {}).filter(([, s]) =>
      s.profiles?.includes(APPS_PROFILE),
    );
    expect(inApps.map(([, s]) => s.image)).not.toContain(IMAGES.demo.image);
  });

  it('lets only the CLI one-shots use plain http, and only to the simulator', () => {
    const users = Object.entries((compose as ComposeFile).services ?? {}).filter(
      ([, s]) => 'ISAMS_INSECURE_HOSTS' in environmentOf(s),
    );
    expect(users.map(([name]) => name).sort()).toEqual(['cli', 'demo-setup']);
    for (const [, s] of users) expect(environmentOf(s).ISAMS_INSECURE_HOSTS).toBe('isams-simulator');
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
    [
      'unknown service key',
      (d) => Object.assign(serviceIn(d, 'mongo'), { healthckeck: {} }),
      'must NOT have additional properties (healthckeck)',
    ],
    [
      'wrong type',
      (d) => Object.assign(serviceIn(d, 'rabbitmq'), { ports: 'all' }),
      '/services/rabbitmq/ports must be array',
    ],
    [
      'invalid depends_on condition',
      (d) => setDependsOn(serviceIn(d, 'fetcher'), 'mongo', 'service_ready'),
      '/services/fetcher/depends_on',
    ],
    [
      'older MongoDB',
      (d) => Object.assign(serviceIn(d, 'mongo'), { image: 'mongo:6' }),
      'mongo: image must be mongo:7',
    ],
    [
      'RabbitMQ without management',
      (d) => Object.assign(serviceIn(d, 'rabbitmq'), { image: 'rabbitmq:3.13' }),
      'rabbitmq: image must be rabbitmq:3.13-management',
    ],
    ['healthcheck removed', (d) => delete serviceIn(d, 'rabbitmq').healthcheck, 'rabbitmq: needs a healthcheck'],
    [
      'healthcheck disabled',
      (d) => Object.assign(serviceIn(d, 'importer'), { healthcheck: { disable: true } }),
      'importer: needs a healthcheck',
    ],
    ['database volume removed', (d) => delete serviceIn(d, 'mongo').volumes, 'mongo: needs a volume on /data/db'],
    [
      'management port not published',
      (d) => Object.assign(serviceIn(d, 'rabbitmq'), { ports: ['127.0.0.1:5672:5672'] }),
      'rabbitmq: must publish port 15672',
    ],
    [
      'port open to the network',
      (d) => Object.assign(serviceIn(d, 'mongo'), { ports: ['27017:27017'] }),
      'mongo: port "27017:27017" must be published on 127.0.0.1 only',
    ],
    [
      'infrastructure behind a profile',
      (d) => Object.assign(serviceIn(d, 'mongo'), { profiles: ['db'] }),
      'mongo: must not sit behind a profile',
    ],
    [
      'app outside the apps profile',
      (d) => delete serviceIn(d, 'transformer').profiles,
      'transformer: must be behind the profiles [apps, demo]',
    ],
    [
      'app running another app',
      (d) => setVariable(serviceIn(d, 'attendance'), 'APP', 'fetcher'),
      'attendance: environment must set APP=attendance',
    ],
    [
      'app on the demo image',
      (d) =>
        Object.assign(serviceIn(d, 'importer'), {
          image: 'isams-sync-demo:dev',
          build: { context: '.', target: 'demo' },
        }),
      "importer: must use image isams-sync:dev, built from the Dockerfile's runtime stage",
    ],
    [
      'simulator in the apps profile',
      (d) => Object.assign(serviceIn(d, 'isams-simulator'), { profiles: ['apps', 'demo'] }),
      'isams-simulator: must be behind the profiles [demo]',
    ],
    [
      'app started before the indexes exist',
      (d) => setDependsOn(serviceIn(d, 'fetcher'), 'db-indexes', 'service_started'),
      'fetcher: depends_on db-indexes must use condition service_completed_successfully',
    ],
    [
      'index one-shot removed',
      (d) => delete (d as ComposeFile).services?.['db-indexes'],
      'db-indexes: service is missing',
    ],
    [
      'CLI one-shot started by up',
      (d) => Object.assign(serviceIn(d, 'cli'), { profiles: ['apps'] }),
      'cli: profiles must be [cli]',
    ],
    [
      'app started before MongoDB is healthy',
      (d) => setDependsOn(serviceIn(d, 'importer'), 'mongo', 'service_started'),
      'importer: depends_on mongo must use condition service_healthy',
    ],
    [
      'variable missing',
      (d) => removeVariable(serviceIn(d, 'fetcher'), 'AMQP_PREFETCH'),
      'fetcher: environment must name AMQP_PREFETCH',
    ],
    [
      'wrong port',
      (d) => setVariable(serviceIn(d, 'attendance'), 'HTTP_PORT', '3001'),
      'attendance: HTTP_PORT must be 3004',
    ],
    [
      'key given to an app that needs none',
      (d) => setVariable(serviceIn(d, 'transformer'), 'SECRETS_KEY', 'x'),
      'transformer: SECRETS_KEY must be absent',
    ],
    [
      'key missing',
      (d) => removeVariable(serviceIn(d, 'importer'), 'SECRETS_KEY'),
      'importer: SECRETS_KEY must be set',
    ],
    [
      'simulator removed',
      (d) => delete (d as ComposeFile).services?.['isams-simulator'],
      'isams-simulator: service is missing',
    ],
  ];

  it.each(breakages)('%s', (_what, breakIt, expected) => {
    const broken = structuredClone(compose);
    breakIt(broken);
    expect(allViolations(broken)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('names every pipeline variable in the rule set the brief lists', () => {
    // Guards the rule table itself: dropping a variable from it would silently weaken the check above.
    expect([...PIPELINE_APP_VARIABLES].sort()).toEqual([
      'AMQP_PREFETCH',
      'AMQP_URL',
      'HTTP_PORT',
      'LOG_LEVEL',
      'MESSAGING_PREFIX',
      'METRICS_ENABLED',
      'MONGO_URL',
      'NODE_ENV',
      'SHUTDOWN_TIMEOUT_MS',
    ]);
  });
});

function setDependsOn(service: ComposeService, dependency: string, condition: string): void {
  service.depends_on = {
    ...(service.depends_on as Record<string, { condition?: string }>),
    [dependency]: { condition },
  };
}

function setVariable(service: ComposeService, name: string, value: string): void {
  service.environment = { ...environmentOf(service), [name]: value };
}

function removeVariable(service: ComposeService, name: string): void {
  service.environment = Object.fromEntries(Object.entries(environmentOf(service)).filter(([key]) => key !== name));
}
