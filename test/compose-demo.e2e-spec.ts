import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import {
  freePort,
  prepareProductionInstall,
  type ProductionInstall,
  TEST_AMQP_URL,
  uniqueMongoUrl,
} from '@isams-sync/testing';
import { type ComposeFile, type ComposeService, IMAGES, ONE_SHOTS } from './deploy/compose-house.rules';
import { composeService, execForm, loadComposeFile, resolvedEnvironment } from './deploy/compose-file';
import { execArray, inherited, readDockerfile } from './deploy/dockerfile.reader';

const REPO_ROOT = path.resolve(__dirname, '..');
const DEMO_PROFILE = 'demo';
/** tini is the image's PID 1; outside a container the command runs directly. */
const IMAGE_INIT = ['/usr/bin/tini', '--'];

interface Ran {
  code: number | null;
  stdout: string;
  /** stdout and stderr as they came, the last 8,000 characters */
  output: string;
}

/** A service's process: started like its container would be, output kept to explain a failure. */
function start(
  argv: string[],
  cwd: string,
  env: Record<string, string>,
): { child: ChildProcess; ran: Promise<Ran>; output: () => string } {
  const child = spawn(argv[0], argv.slice(1), {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  const keep = (chunk: Buffer) => {
    output = `${output}${chunk.toString('utf8')}`.slice(-8_000);
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    keep(chunk);
  });
  child.stderr?.on('data', keep);
  const ran = new Promise<Ran>((resolve) => child.on('close', (code) => resolve({ code, stdout, output })));
  return { child, ran, output: () => output };
}

/** Services in dependency order (depends_on), so each starts after what it waits for. */
function startOrder(services: Record<string, ComposeService>, names: string[]): string[] {
  const ordered: string[] = [];
  const visit = (name: string) => {
    if (ordered.includes(name) || !names.includes(name)) return;
    const dependsOn = services[name].depends_on ?? {};
    for (const dependency of Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn)) visit(dependency);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}

/**
 * `docker compose --profile demo up`, without Docker: every service of the demo profile runs the command its
 * container would (the compose command, else the Dockerfile's CMD) from the production install (the demo image's
 * for the simulator), in depends_on order, with the stack's host names pointed at loopback. Then what the README tells
 * a user to run: `docker compose run --rm cli report --school demo-school`.
 */
describe('the compose demo stack, its commands run on loopback', () => {
  const compose: ComposeFile = loadComposeFile();
  const services = compose.services ?? {};
  const stages = readDockerfile();
  const imageCommand = execArray(inherited(stages, IMAGES.runtime.target, 'CMD'));
  const mongoUrl = uniqueMongoUrl('compose-demo');
  const running: Array<ReturnType<typeof start>> = [];
  let installs: Record<keyof typeof IMAGES, ProductionInstall>;
  const hostPorts = new Map<string, number>();

  /** The stack's addresses, as this machine reaches the same programs. */
  function onLoopback(name: string, env: Record<string, string>): Record<string, string> {
    const simulator = `127.0.0.1:${hostPorts.get('isams-simulator')}`;
    const mapped = Object.fromEntries(
      Object.entries(env).map(([key, value]) => [
        key,
        value
          .replace('amqp://guest:guest@rabbitmq:5672', TEST_AMQP_URL)
          .replace('mongodb://mongo:27017/isams-sync', mongoUrl)
          .replace('isams-simulator:8089', simulator)
          .replace(/^0\.0\.0\.0$/, '127.0.0.1'),
      ]),
    );
    if (mapped.ISAMS_INSECURE_HOSTS === 'isams-simulator') mapped.ISAMS_INSECURE_HOSTS = '127.0.0.1';
    if ('HTTP_PORT' in mapped) mapped.HTTP_PORT = String(hostPorts.get(name));
    // A prefix of its own on the shared test broker; the stack itself uses none.
    if ('MESSAGING_PREFIX' in mapped) mapped.MESSAGING_PREFIX = 'composecheck.';
    return mapped;
  }

  function installFor(service: ComposeService): ProductionInstall {
    return service.image === IMAGES.demo.image ? installs.demo : installs.runtime;
  }

  /** The service's healthcheck command, run as the container would run it; true once it exits 0. */
  async function waitHealthy(name: string, deadlineMs: number): Promise<void> {
    const service = services[name];
    const test = execForm(service.healthcheck?.test);
    expect(test[0]).toBe('CMD');
    const process = running.at(-1)!;
    while (Date.now() < deadlineMs) {
      if (process.child.exitCode !== null)
        throw new Error(`${name} exited with ${process.child.exitCode}: ${process.output()}`);
      const check = start(test.slice(1), installFor(service).root, onLoopback(name, resolvedEnvironment(service)));
      if ((await check.ran).code === 0) return;
      await delay(500);
    }
    throw new Error(`${name} did not become healthy: ${process.output()}`);
  }

  beforeAll(async () => {
    installs = {
      runtime: prepareProductionInstall({ repoRoot: REPO_ROOT }),
      demo: prepareProductionInstall({ repoRoot: REPO_ROOT, withTestDoubles: true }),
    };
    for (const name of Object.keys(services)) hostPorts.set(name, await freePort());
  }, 600_000);

  afterAll(async () => {
    await Promise.all(
      running.map(async ({ child, ran }) => {
        if (child.exitCode === null) child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await ran;
        clearTimeout(kill);
      }),
    );
    const connection = await mongoose.createConnection(mongoUrl).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }, 60_000);

  it('brings up the demo profile in order, registers and syncs the simulated school, and the cli service prints its report', async () => {
    const demo = Object.keys(services).filter((name) => services[name].profiles?.includes(DEMO_PROFILE));
    expect(demo).toEqual(
      expect.arrayContaining([
        'db-indexes',
        'fetcher',
        'transformer',
        'importer',
        'attendance',
        'isams-simulator',
        'demo-setup',
      ]),
    );
    const deadline = Date.now() + 150_000;
    for (const name of startOrder(services, demo)) {
      const service = services[name];
      const command = service.command === undefined ? imageCommand : execForm(service.command);
      const process = start(command, installFor(service).root, onLoopback(name, resolvedEnvironment(service)));
      running.push(process);
      if (name in ONE_SHOTS) {
        const ran = await process.ran;
        if (ran.code !== 0) throw new Error(`${name} exited with ${ran.code}: ${ran.output}`);
      } else {
        await waitHealthy(name, deadline);
      }
    }

    const cli = composeService(compose, 'cli');
    const entrypoint = execForm(cli.entrypoint);
    expect(entrypoint.slice(0, IMAGE_INIT.length)).toEqual(IMAGE_INIT);
    const report = (json: boolean) =>
      start(
        [...entrypoint.slice(IMAGE_INIT.length), 'report', '--school', 'demo-school', ...(json ? ['--json'] : [])],
        installs.runtime.root,
        onLoopback('cli', resolvedEnvironment(cli)),
      ).ran;
    // the sync has an outcome per dataset when demo-setup ends; the importer applies the run moments later
    let outcome: string | undefined;
    while (Date.now() < deadline) {
      const ran = await report(true);
      outcome = ran.code === 0 ? (JSON.parse(ran.stdout) as { outcome?: string }).outcome : undefined;
      if (outcome && outcome !== 'running') break;
      await delay(1_000);
    }
    expect(outcome).toBe('succeeded');
    const printed = await report(false);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/outcome: succeeded/);
  }, 200_000);
});
