#!/usr/bin/env bash
# Makes sure a RabbitMQ broker and a MongoDB-compatible server are reachable, starting them if
# needed, and prints where they are. Idempotent: a second run starts nothing twice.
#
# Order of preference for each service:
#   1. the URL in AMQP_URL / MONGO_URL if it already answers;
#   2. `docker compose up -d <service>` when a Docker engine is running;
#   3. RabbitMQ: a locally installed rabbitmq-server (installed from Debian's packages if apt is there);
#      MongoDB:  FerretDB 1.24 built from source with Go (cached) on its SQLite backend under .data/,
#                with scripts/ferretdb/*.patch applied (speed and liveness fixes; see that file).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AMQP_URL="${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672}"
MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:27017/isams-sync}"
FERRETDB_VERSION="1.24.2"
# bump when scripts/ferretdb/*.patch changes, so a cached binary without the change is rebuilt
FERRETDB_PATCH_LEVEL="p1"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/isams-sync"
ferretdb_bin="$cache_dir/ferretdb-$FERRETDB_VERSION-$FERRETDB_PATCH_LEVEL/ferretdb"
data_dir="$root/.data"

log() { printf '[services] %s\n' "$*" >&2; }
fail() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# host and port of a URL like scheme://user:pass@host:port/path
url_host() { local u="${1#*://}"; u="${u#*@}"; u="${u%%/*}"; echo "${u%%:*}"; }
url_port() { local u="${1#*://}"; u="${u#*@}"; u="${u%%/*}"; [[ "$u" == *:* ]] && echo "${u##*:}" || echo "$2"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() { # host port seconds name
  local deadline=$((SECONDS + $3))
  until port_open "$1" "$2"; do
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

docker_engine() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; }

ensure_rabbitmq() {
  local host port; host="$(url_host "$AMQP_URL")"; port="$(url_port "$AMQP_URL" 5672)"
  if port_open "$host" "$port"; then log "RabbitMQ answers at $host:$port"; return; fi
  if docker_engine; then
    log "starting RabbitMQ with docker compose"
    docker compose -f "$root/docker-compose.yml" up -d rabbitmq
  else
    if ! command -v rabbitmq-server >/dev/null 2>&1; then
      command -v apt-get >/dev/null 2>&1 || fail "RabbitMQ is not reachable at $host:$port, there is no Docker engine and no apt-get to install rabbitmq-server. Start a broker and set AMQP_URL."
      log "installing Debian's rabbitmq-server"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
    fi
    log "starting the local rabbitmq-server"
    rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  wait_port "$host" "$port" 90 || fail "RabbitMQ did not accept connections on $host:$port within 90 s"
  log "RabbitMQ answers at $host:$port"
}

build_ferretdb() {
  [ -x "$ferretdb_bin" ] && return
  command -v go >/dev/null 2>&1 || fail "no MongoDB-compatible server at $MONGO_URL, no Docker engine, and no Go toolchain to build FerretDB"
  log "building FerretDB $FERRETDB_VERSION with Go (once; cached in $cache_dir)"
  # `go install …@v1.24.2` builds a binary that panics at start-up: the module as published lacks
  # build/version/version.txt. So fetch the module, copy it, add the version file, apply our
  # patches, and build that.
  local src tmp
  src="$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@v$FERRETDB_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  [ -d "$src" ] || fail "could not download the FerretDB module (Go module proxy unreachable?)"
  tmp="$(mktemp -d)"
  cp -r "$src/." "$tmp/"
  chmod -R u+w "$tmp"
  echo "v$FERRETDB_VERSION" > "$tmp/build/version/version.txt"
  local p
  for p in "$root"/scripts/ferretdb/*.patch; do
    if command -v patch >/dev/null 2>&1; then
      (cd "$tmp" && patch -p1 --forward --batch --quiet < "$p") || fail "could not apply $p to FerretDB $FERRETDB_VERSION"
    else
      (cd "$tmp" && git apply "$p") || fail "could not apply $p to FerretDB $FERRETDB_VERSION (no 'patch'; 'git apply' failed)"
    fi
  done
  mkdir -p "$(dirname "$ferretdb_bin")"
  (cd "$tmp" && go build -o "$ferretdb_bin.partial" ./cmd/ferretdb) || fail "go build of FerretDB failed"
  mv "$ferretdb_bin.partial" "$ferretdb_bin"
  rm -rf "$tmp"
}

# A FerretDB this script started earlier from another build (before a patch change) is stopped, so
# the current build replaces it. Servers started by anyone else are left alone.
stop_outdated_ferretdb() {
  local pid exe
  pid="$(cat "$data_dir/ferretdb.pid" 2>/dev/null)" || return 0
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null)" || return 0
  [[ "$exe" == *ferretdb* && "$exe" != "$ferretdb_bin" ]] || return 0
  log "stopping FerretDB pid $pid ($exe): it is not the current build $ferretdb_bin"
  kill "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  sleep 0.5
}

ensure_mongo() {
  local host port; host="$(url_host "$MONGO_URL")"; port="$(url_port "$MONGO_URL" 27017)"
  stop_outdated_ferretdb
  if port_open "$host" "$port"; then log "MongoDB-compatible server answers at $host:$port"; return; fi
  if docker_engine; then
    log "starting MongoDB with docker compose"
    docker compose -f "$root/docker-compose.yml" up -d mongo
  else
    [[ "$host" == 127.0.0.1 || "$host" == localhost ]] || fail "MongoDB at $host:$port does not answer; only a loopback FerretDB can be started here"
    build_ferretdb
    mkdir -p "$data_dir/ferretdb"
    log "starting FerretDB $FERRETDB_VERSION (SQLite backend in $data_dir/ferretdb) on 127.0.0.1:$port"
    nohup "$ferretdb_bin" --handler=sqlite --sqlite-url="file:$data_dir/ferretdb/" \
      --listen-addr="127.0.0.1:$port" --debug-addr=- --telemetry=disable --state-dir="$data_dir/ferretdb" \
      --log-level=warn >"$data_dir/ferretdb.log" 2>&1 &
    echo $! > "$data_dir/ferretdb.pid"
  fi
  wait_port "$host" "$port" 60 || fail "the MongoDB-compatible server did not accept connections on $host:$port within 60 s (see $data_dir/ferretdb.log)"
  log "MongoDB-compatible server answers at $host:$port"
}

ensure_rabbitmq
ensure_mongo
echo "AMQP_URL=$AMQP_URL"
echo "MONGO_URL=$MONGO_URL"
