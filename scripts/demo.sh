#!/usr/bin/env bash
# `npm run demo`: installs and builds if needed, makes sure RabbitMQ and a MongoDB-compatible
# server answer, then runs the demo (extra arguments, e.g. --json, go to it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/node-runtime.sh
bash scripts/ensure-deps.sh --build
services="$(bash scripts/services.sh)" || exit 1
eval "$(printf '%s\n' "$services" | sed 's/^/export /')"
exec node bin/isams-sync.js demo "$@"
