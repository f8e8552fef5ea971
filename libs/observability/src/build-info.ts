import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildInfo {
  version: string;
  revision: string;
}

let cached: BuildInfo | undefined;

/**
 * The running build, for every log line, `isams_sync_build_info` and `isams-sync --version`.
 * `npm run build` writes dist/build-info.json (package version and git revision); GIT_REVISION
 * (set by an image build that has no .git) wins; 'unknown' when neither is there (tests from source).
 */
export function buildInfo(): BuildInfo {
  if (cached) return cached;
  const root = findPackageRoot(__dirname);
  const written = root ? readJson(join(root, 'dist', 'build-info.json')) : undefined;
  const pkg = root ? readJson(join(root, 'package.json')) : undefined;
  cached = {
    version: String(written?.version ?? pkg?.version ?? 'unknown'),
    revision: process.env.GIT_REVISION || String(written?.revision ?? 'unknown'),
  };
  return cached;
}

function findPackageRoot(from: string): string | undefined {
  for (let dir = from, i = 0; i < 8; dir = join(dir, '..'), i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) return dir;
  }
  return undefined;
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
