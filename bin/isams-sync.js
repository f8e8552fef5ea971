#!/usr/bin/env node
// The `isams-sync` command: runs the built CLI (npm run build, or npm test / npm run demo build it).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write("isams-sync is not built yet: run 'npm run build' (npm test and npm run demo build it too).\n");
  process.exit(1);
}
require(entry);
