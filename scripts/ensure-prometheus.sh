#!/usr/bin/env bash
# Makes sure `promtool` and `prometheus` are installed (Debian's `prometheus` package ships both):
# the alert-rule tests run promtool, and an end-to-end test scrapes the apps with a Prometheus of its
# own (temp config and storage, loopback port, stopped afterwards). Idempotent.
# The package's own system service is kept from starting (policy-rc.d during the install); nothing
# here depends on it.
set -euo pipefail
log() { printf '[prometheus] %s\n' "$*" >&2; }

if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  log "ERROR: promtool/prometheus are missing and there is no apt-get: install Prometheus 2.x (it ships promtool) and put both on PATH"
  exit 1
fi
log "installing Debian's prometheus (for promtool and the scrape test)"
policy=/usr/sbin/policy-rc.d
own_policy=false
if [ ! -e "$policy" ]; then
  # exit 101 = "action forbidden": the package installs without starting its service
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=true
fi
trap 'if [ "$own_policy" = true ]; then rm -f "$policy"; fi' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
command -v promtool >/dev/null 2>&1 || { log "ERROR: promtool is still missing after installing prometheus"; exit 1; }
