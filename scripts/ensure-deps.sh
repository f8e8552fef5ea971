#!/usr/bin/env bash
# Installs dependencies from the lockfile when node_modules is missing or older than the lockfile,
# and builds dist/ when the sources changed since the last build. Safe to run every time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi

if [ "${1:-}" = "--build" ]; then
  stamp=dist/.build-stamp
  if [ ! -f "$stamp" ] || [ -n "$(find apps libs bench tsconfig.json tsconfig.build.json package-lock.json -newer "$stamp" -name '*.ts' -o -newer "$stamp" -name '*.json' 2>/dev/null | head -n 1)" ]; then
    echo "[deps] building (tsc)" >&2
    npm run --silent build >&2
    touch "$stamp"
  fi
fi
