# Sourced (not run) by the scripts behind `npm test`, `npm run demo` and the benchmarks: puts a Node.js of the
# major the image runs (NODE_MAJOR) first on PATH, so tests, the demo and the production image all run on one
# supported Node. When the machine's `node` is of another major, the official binary comes from the npm registry's
# `node` package (it installs the platform's binary as a dependency; no other download) and is cached per version.
NODE_MAJOR=22
# Pinned so every machine tests the same binary; bump it with the Dockerfile's NODE_IMAGE.
NODE_VERSION=22.23.3

node_runtime_log() { printf '[node] %s\n' "$*" >&2; }

if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)" != "$NODE_MAJOR" ]; then
  node_runtime_dir="${XDG_CACHE_HOME:-$HOME/.cache}/isams-sync/node-$NODE_VERSION"
  if [ ! -x "$node_runtime_dir/node_modules/.bin/node" ]; then
    node_runtime_log "this machine's node is $(node --version 2>/dev/null || echo missing); fetching Node $NODE_VERSION from the npm registry (once; cached in $node_runtime_dir)"
    mkdir -p "$node_runtime_dir"
    npm install --prefix "$node_runtime_dir" --no-save --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2 \
      || { node_runtime_log "ERROR: could not install node@$NODE_VERSION from the npm registry"; exit 1; }
  fi
  export PATH="$node_runtime_dir/node_modules/.bin:$PATH"
  [ "$(node -p 'process.versions.node')" = "$NODE_VERSION" ] \
    || { node_runtime_log "ERROR: $node_runtime_dir holds no working Node $NODE_VERSION (delete it and retry)"; exit 1; }
fi
node_runtime_log "using Node $(node --version) at $(command -v node)"
