import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * What the Dockerfile's runtime stage ships, rebuilt without Docker: `npm ci --omit=dev` of the
 * lockfile, then the compiled apps and the CLI. Lives outside the repository on purpose: Node looks
 * for a module in every parent folder's node_modules, so an install inside the repo would quietly
 * find the dev dependencies and hide exactly the mistake this exists to catch.
 */
export interface ProductionInstall {
  root: string;
  /** root/dist */
  distRoot: string;
  /** node root/bin/isams-sync.js */
  cliEntry: string;
}

/**
 * dist/ folders the production image leaves out (the Dockerfile's runtime stage copies the same
 * list): test doubles, the demo, test helpers and benchmarks. The CLI runs the simulator app as a child process and loads the demo lazily, so every
 * other command works without them.
 */
export const NOT_IN_PRODUCTION_IMAGE = [
  'apps/isams-simulator',
  'libs/simulator',
  'libs/demo',
  'libs/testing',
  'bench',
] as const;

export interface ProductionInstallOptions {
  repoRoot: string;
  /** leave out NOT_IN_PRODUCTION_IMAGE (the runtime image) or keep them (the demo image) */
  withTestDoubles?: boolean;
}

function lockDigest(repoRoot: string): string {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(path.join(repoRoot, file)));
  return hash.digest('hex').slice(0, 16);
}

/** Installs production dependencies once per lockfile (cached in the OS temp folder), then copies dist/ and bin/ fresh. */
export function prepareProductionInstall(options: ProductionInstallOptions): ProductionInstall {
  const { repoRoot } = options;
  const dist = path.join(repoRoot, 'dist');
  if (!existsSync(path.join(dist, 'apps')))
    throw new Error(`no build in ${dist}: run 'npm run build' first (npm test builds it)`);
  const flavour = options.withTestDoubles ? 'demo' : 'runtime';
  const base = path.join(os.tmpdir(), `isams-sync-production-${lockDigest(repoRoot)}`);
  const modules = path.join(base, 'node_modules');
  if (!existsSync(path.join(base, '.installed'))) {
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(repoRoot, file), path.join(base, file));
    // Exactly the Dockerfile's runtime stage.
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: base,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    writeFileSync(path.join(base, '.installed'), new Date().toISOString());
  }
  const root = path.join(base, flavour);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  // A symlink keeps one install for both flavours; Node resolves packages through it like a folder.
  execFileSync('ln', ['-s', modules, path.join(root, 'node_modules')]);
  cpSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  cpSync(path.join(repoRoot, 'bin'), path.join(root, 'bin'), { recursive: true });
  const skipped = options.withTestDoubles ? [] : NOT_IN_PRODUCTION_IMAGE.map((p) => path.join(dist, p));
  cpSync(dist, path.join(root, 'dist'), {
    recursive: true,
    filter: (source) => !skipped.some((s) => source === s || source.startsWith(`${s}${path.sep}`)),
  });
  return { root, distRoot: path.join(root, 'dist'), cliEntry: path.join(root, 'bin', 'isams-sync.js') };
}

export interface UnresolvedModule {
  module: string;
  /** the compiled file that requires it, relative to the install's root */
  requiredBy: string;
}

const REQUIRE_CALL = /\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g;
const BUILTINS = new Set(builtinModules);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function* jsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(full);
    else if (entry.name.endsWith('.js')) yield full;
  }
}

/**
 * Every package a compiled file requires that the production install cannot resolve: the static half of the check
 * (a lazily loaded module would not show when an app boots). Node built-ins are skipped.
 */
export function unresolvedModules(install: ProductionInstall): UnresolvedModule[] {
  const missing: UnresolvedModule[] = [];
  for (const file of jsFiles(install.distRoot)) {
    const resolveFrom = createRequire(file);
    for (const match of readFileSync(file, 'utf8').matchAll(REQUIRE_CALL)) {
      const specifier = match[1];
      if (specifier.startsWith('node:') || BUILTINS.has(packageName(specifier))) continue;
      try {
        resolveFrom.resolve(specifier);
      } catch (error) {
        // Present but not loadable this way (e.g. an ESM-only export map) is for the boot half of the check to show.
        if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') continue;
        missing.push({ module: packageName(specifier), requiredBy: path.relative(install.root, file) });
      }
    }
  }
  return missing;
}
