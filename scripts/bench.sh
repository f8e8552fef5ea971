#!/usr/bin/env bash
# `npm run bench…`: builds if needed, then runs one compiled benchmark on the project's Node
# (scripts/node-runtime.sh). Usage: scripts/bench.sh <name> [benchmark arguments], e.g. `pipeline --json`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/node-runtime.sh
bash scripts/ensure-deps.sh --build
name="$1"
shift
node_flags=()
# The transform benchmark measures memory after forcing collections.
[ "$name" = transform ] && node_flags+=(--expose-gc)
exec node "${node_flags[@]}" "dist/bench/$name.bench.js" "$@"
