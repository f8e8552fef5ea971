#!/usr/bin/env node
// Writes dist/build-info.json (package version and git revision) after `npm run build`, so every log
// line, isams_sync_build_info and `isams-sync --version` name the build. GIT_REVISION wins (an image
// build has no .git); without either the revision is 'unknown'.
const { execFileSync } = require('node:child_process');
const { writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
let revision = process.env.GIT_REVISION || 'unknown';
if (!process.env.GIT_REVISION) {
  try {
    revision = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // not a git checkout: stays 'unknown'
  }
}
const { version } = require(path.join(root, 'package.json'));
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist', 'build-info.json'), `${JSON.stringify({ version, revision })}\n`);
