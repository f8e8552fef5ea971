/** The parts of a Compose file these rules read; the Compose schema has already checked their shapes. */
export interface ComposeFile {
  services?: Record<string, ComposeService>;
}

export interface ComposeService {
  image?: string;
  build?:
    string | { context?: string; target?: string; args?: Record<string, string | number | boolean | null> | string[] };
  command?: string | string[];
  entrypoint?: string | string[];
  profiles?: string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | number | { host_ip?: string; published?: string | number; target?: number }>;
  volumes?: Array<string | { target?: string }>;
}

export const APPS_PROFILE = 'apps';
export const DEMO_PROFILE = 'demo';
/** The Dockerfile's stages: the production image, and the demo image that adds the simulator. */
export const IMAGES = {
  runtime: { image: 'isams-sync:dev', target: 'runtime' },
  demo: { image: 'isams-sync-demo:dev', target: 'demo' },
} as const;

export interface ComposeApp {
  readonly service: string;
  readonly port: number;
  /** Pipeline apps need MongoDB and RabbitMQ; the simulator needs neither. */
  readonly usesServices: boolean;
  readonly needsSecretsKey: boolean;
  readonly image: keyof typeof IMAGES;
  readonly profiles: readonly string[];
}

export const COMPOSE_APPS: readonly ComposeApp[] = [
  {
    service: 'fetcher',
    port: 3001,
    usesServices: true,
    needsSecretsKey: true,
    image: 'runtime',
    profiles: [APPS_PROFILE, DEMO_PROFILE],
  },
  {
    service: 'transformer',
    port: 3002,
    usesServices: true,
    needsSecretsKey: false,
    image: 'runtime',
    profiles: [APPS_PROFILE, DEMO_PROFILE],
  },
  {
    service: 'importer',
    port: 3003,
    usesServices: true,
    needsSecretsKey: true,
    image: 'runtime',
    profiles: [APPS_PROFILE, DEMO_PROFILE],
  },
  {
    service: 'attendance',
    port: 3004,
    usesServices: true,
    needsSecretsKey: true,
    image: 'runtime',
    profiles: [APPS_PROFILE, DEMO_PROFILE],
  },
  // a test double: only in the demo image and the demo profile, never next to the production apps alone
  {
    service: 'isams-simulator',
    port: 8089,
    usesServices: false,
    needsSecretsKey: false,
    image: 'demo',
    profiles: [DEMO_PROFILE],
  },
];

/** Services that run a command and exit: they need no healthcheck, and run on the production image. */
export const ONE_SHOTS: Readonly<Record<string, { profiles: readonly string[] }>> = {
  'db-indexes': { profiles: [APPS_PROFILE, DEMO_PROFILE] },
  'demo-setup': { profiles: [DEMO_PROFILE] },
  cli: { profiles: ['cli'] },
};

/** What every pipeline app reads (SECRETS_KEY is checked per app). */
export const PIPELINE_APP_VARIABLES = [
  'NODE_ENV',
  'LOG_LEVEL',
  'HTTP_PORT',
  'AMQP_URL',
  'MONGO_URL',
  'AMQP_PREFETCH',
  'MESSAGING_PREFIX',
  'SHUTDOWN_TIMEOUT_MS',
  'METRICS_ENABLED',
] as const;

const INFRASTRUCTURE = {
  mongo: { image: 'mongo:7', ports: [27017], dataPath: '/data/db' },
  rabbitmq: { image: 'rabbitmq:3.13-management', ports: [5672, 15672], dataPath: '/var/lib/rabbitmq' },
} as const;

/** Every house rule the Compose file breaks, one sentence each; empty when all hold. */
export function composeHouseViolations(compose: ComposeFile): string[] {
  const services = compose.services ?? {};
  const violations: string[] = [];
  const expected = [
    ...Object.keys(INFRASTRUCTURE),
    ...COMPOSE_APPS.map((app) => app.service),
    ...Object.keys(ONE_SHOTS),
  ];
  for (const name of Object.keys(services).filter((n) => !expected.includes(n))) {
    violations.push(`${name}: not an expected service (expected ${expected.join(', ')})`);
  }
  for (const [name, rule] of Object.entries(INFRASTRUCTURE)) {
    const service = services[name];
    if (!service) {
      violations.push(`${name}: service is missing`);
      continue;
    }
    if (service.image !== rule.image) {
      violations.push(`${name}: image must be ${rule.image}, found ${service.image}`);
    }
    if ((service.profiles ?? []).length > 0) {
      violations.push(`${name}: must not sit behind a profile; scripts start it with a plain \`up -d ${name}\``);
    }
    if (!mountsVolumeAt(service, rule.dataPath)) {
      violations.push(`${name}: needs a volume on ${rule.dataPath} so data survives a restart`);
    }
    for (const port of rule.ports.filter((p) => !publishes(service, p))) {
      violations.push(`${name}: must publish port ${port}`);
    }
    violations.push(...commonViolations(name, service));
  }
  for (const app of COMPOSE_APPS) {
    const service = services[app.service];
    if (!service) {
      violations.push(`${app.service}: service is missing`);
      continue;
    }
    violations.push(...appViolations(app, service), ...commonViolations(app.service, service));
  }
  for (const [name, rule] of Object.entries(ONE_SHOTS)) {
    const service = services[name];
    if (!service) {
      violations.push(`${name}: service is missing`);
      continue;
    }
    violations.push(...imageViolations(name, service, 'runtime'));
    if (!sameList(service.profiles, rule.profiles))
      violations.push(`${name}: profiles must be [${rule.profiles.join(', ')}]`);
  }
  return violations;
}

function sameList(actual: readonly string[] | undefined, expected: readonly string[]): boolean {
  return JSON.stringify([...(actual ?? [])].sort()) === JSON.stringify([...expected].sort());
}

function imageViolations(name: string, service: ComposeService, image: keyof typeof IMAGES): string[] {
  const wanted = IMAGES[image];
  const target = typeof service.build === 'object' ? service.build.target : undefined;
  return service.image === wanted.image && target === wanted.target
    ? []
    : [`${name}: must use image ${wanted.image}, built from the Dockerfile's ${wanted.target} stage`];
}

function commonViolations(name: string, service: ComposeService): string[] {
  const violations: string[] = [];
  const test = service.healthcheck?.test;
  if (service.healthcheck?.disable === true || test === undefined || test.length === 0 || test[0] === 'NONE') {
    violations.push(`${name}: needs a healthcheck`);
  }
  for (const port of service.ports ?? []) {
    if (!isLoopbackOnly(port)) {
      violations.push(`${name}: port ${JSON.stringify(port)} must be published on 127.0.0.1 only (dev credentials)`);
    }
  }
  return violations;
}

function appViolations(app: ComposeApp, service: ComposeService): string[] {
  const where = app.service;
  const env = environmentOf(service);
  const violations: string[] = [];
  if (!sameList(service.profiles, app.profiles)) {
    violations.push(`${where}: must be behind the profiles [${app.profiles.join(', ')}]`);
  }
  violations.push(...imageViolations(where, service, app.image));
  if (env.APP !== app.service) {
    violations.push(`${where}: environment must set APP=${app.service} (the image runs the app APP names)`);
  }
  if (env.HTTP_PORT !== String(app.port)) {
    violations.push(`${where}: HTTP_PORT must be ${app.port}`);
  }
  if (app.usesServices) {
    for (const dependency of Object.keys(INFRASTRUCTURE)) {
      if (conditionOf(service, dependency) !== 'service_healthy') {
        violations.push(`${where}: depends_on ${dependency} must use condition service_healthy`);
      }
    }
    if (conditionOf(service, 'db-indexes') !== 'service_completed_successfully') {
      violations.push(
        `${where}: depends_on db-indexes must use condition service_completed_successfully (production apps build no indexes)`,
      );
    }
    for (const variable of PIPELINE_APP_VARIABLES.filter((v) => !(v in env))) {
      violations.push(`${where}: environment must name ${variable}`);
    }
  }
  if (app.needsSecretsKey !== 'SECRETS_KEY' in env) {
    violations.push(`${where}: SECRETS_KEY must be ${app.needsSecretsKey ? 'set' : 'absent (this app needs no key)'}`);
  }
  return violations;
}

/** The environment as a map, whichever of Compose's two spellings (map or KEY=value list) the file uses. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  const entries = Array.isArray(environment)
    ? environment.map((item): [string, string] => {
        const [key, ...value] = item.split('=');
        return [key, value.join('=')];
      })
    : Object.entries(environment).map(([key, value]): [string, string] => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

function conditionOf(service: ComposeService, dependency: string): string | undefined {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) {
    return dependsOn.includes(dependency) ? 'service_started' : undefined;
  }
  return dependsOn[dependency] ? (dependsOn[dependency].condition ?? 'service_started') : undefined;
}

function mountsVolumeAt(service: ComposeService, path: string): boolean {
  return (service.volumes ?? []).some((volume) =>
    typeof volume === 'string' ? volume.split(':')[1] === path : volume.target === path,
  );
}

function publishes(service: ComposeService, containerPort: number): boolean {
  return (service.ports ?? []).some((port) =>
    typeof port === 'object'
      ? port.target === containerPort
      : String(port).split(':').at(-1)?.split('/')[0] === String(containerPort),
  );
}

function isLoopbackOnly(port: string | number | { host_ip?: string }): boolean {
  if (typeof port === 'object') {
    return port.host_ip === '127.0.0.1';
  }
  return String(port).startsWith('127.0.0.1:');
}
