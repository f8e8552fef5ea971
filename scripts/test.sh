#!/usr/bin/env bash
# `npm test`: everything, on a fresh clone. Installs if needed, makes sure RabbitMQ and a
# MongoDB-compatible server answer, then lint, type check, unit tests, integration/e2e tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$SECONDS
source scripts/node-runtime.sh

bash scripts/ensure-deps.sh --build
bash scripts/ensure-prometheus.sh
services="$(bash scripts/services.sh)" || exit 1
eval "$(printf '%s\n' "$services" | sed 's/^/export /')"

echo "== format (prettier --check) and lint" >&2
npx prettier --check --log-level warn "**/*.{ts,js,mjs}"
npx eslint --max-warnings=0 .
echo "== type check" >&2
npx tsc -p tsconfig.json --noEmit
mkdir -p .data
echo "== unit tests" >&2
npx jest --selectProjects unit --ci --json --outputFile=.data/jest-unit.json "$@"
# One suite at a time: FerretDB's SQLite backend fails concurrent writers ("database is locked") and has crashed
# (SIGBUS) when one suite dropped its database while another was busy.
echo "== integration and end-to-end tests (real RabbitMQ at $AMQP_URL, MongoDB-compatible server at $MONGO_URL)" >&2
npx jest --selectProjects integration --ci --runInBand --json --outputFile=.data/jest-integration.json "$@"
echo "== all tests passed in $((SECONDS - started)) s" >&2
# One plain closing line for CI: passed and failed across both jest runs.
node -e 'const r=process.argv.slice(1).map((f)=>require(f));const p=r.reduce((n,x)=>n+x.numPassedTests,0);const f=r.reduce((n,x)=>n+x.numFailedTests,0);console.log(`${p} passed, ${f} failed`)' "$root/.data/jest-unit.json" "$root/.data/jest-integration.json"
