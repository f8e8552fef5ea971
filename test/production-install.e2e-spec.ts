import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { DATASET_METHODS } from '@isams-sync/isams';
import { generateSchool, renderBatchDocument } from '@isams-sync/simulator';
import {
  AppProcess,
  freePort,
  prepareProductionInstall,
  type ProductionInstall,
  TEST_AMQP_URL,
  TEST_SECRETS_KEY,
  uniqueMongoUrl,
  unresolvedModules,
} from '@isams-sync/testing';

const run = promisify(execFile);
const APPS = ['fetcher', 'transformer', 'importer', 'attendance'] as const;
const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * The artefact ops deploy, checked the way it runs: `npm ci --omit=dev` (as the Dockerfile's runtime stage), the
 * compiled apps without the test doubles, the real broker and database. A module that only a dev install has fails
 * here by name, statically and when an app boots.
 */
describe('production install (npm ci --omit=dev, dist/ without the simulator)', () => {
  let install: ProductionInstall;
  const mongoUrl = uniqueMongoUrl('production-install');
  // A fixed prefix: these apps run as processes, so their queues outlive the test; the next run reuses them.
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    AMQP_URL: TEST_AMQP_URL,
    MONGO_URL: mongoUrl,
    MESSAGING_PREFIX: 'prodcheck.',
    SECRETS_KEY: TEST_SECRETS_KEY,
    SHUTDOWN_TIMEOUT_MS: '3000',
  };
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    run(process.execPath, [install.cliEntry, ...args], {
      cwd: install.root,
      env: { PATH: process.env.PATH, ...env, ...extra },
      timeout: 60_000,
    });

  beforeAll(() => {
    install = prepareProductionInstall({ repoRoot: REPO_ROOT });
  }, 600_000);

  afterAll(async () => {
    const connection = await mongoose.createConnection(mongoUrl).asPromise();
    await connection.dropDatabase();
    await connection.close();
  });

  it('every package the compiled code requires is installed (a devDependency used at run time is named here)', () => {
    expect(unresolvedModules(install)).toEqual([]);
  });

  it('an app refuses to start without the unique indexes it relies on, naming them and the fix', async () => {
    const port = await freePort();
    const importer = new AppProcess('importer', port, { ...env, MONGO_URL: uniqueMongoUrl('no-indexes') });
    importer.start(install.distRoot);
    await expect(importer.waitReady(30_000)).rejects.toThrow(
      /exited with code 1: .*missing unique indexes .*users\.schoolId_1_userKey_1.*isams-sync db ensure-indexes/,
    );
  });

  it('db ensure-indexes, then each app boots until /health/ready answers 200', async () => {
    const ensured = await cli(['db', 'ensure-indexes', '--json']);
    expect(JSON.parse(ensured.stdout)).toMatchObject({ missingUnique: [] });
    const apps = await Promise.all(APPS.map(async (app) => new AppProcess(app, await freePort(), env)));
    try {
      for (const app of apps) app.start(install.distRoot);
      const ready = await Promise.all(apps.map((app) => app.waitReady(60_000)));
      expect(ready.map((body) => body.status)).toEqual(APPS.map(() => 'ok'));
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
    }
    // stopped by their own shutdown (Nest re-raises SIGTERM once its hooks ran), not killed after the grace time
    expect(apps.map((app) => app.exitSignal ?? app.exitCode)).toEqual(APPS.map(() => 'SIGTERM'));
  }, 120_000);

  it('isams-sync --help and transform work; the simulator says which image has it', async () => {
    const help = await cli(['--help']);
    expect(help.stdout).toMatch(/isams-sync <command>/);
    const folder = mkdtempSync(path.join(os.tmpdir(), 'prod-transform-'));
    try {
      const file = path.join(folder, 'pupils.xml');
      writeFileSync(file, renderBatchDocument(generateSchool({ seed: 5, pupils: 12 }), DATASET_METHODS.pupils));
      const transformed = await cli(['transform', '--dataset', 'pupils', '--file', file]);
      const records = transformed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string });
      expect(records).toHaveLength(12);
      expect(new Set(records.map((r) => r.type))).toEqual(new Set(['student']));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    await expect(cli(['simulator', '--help'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /needs the iSAMS simulator, which this installation does not include .*--target demo/,
      ),
    });
  });
});
