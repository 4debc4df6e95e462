#!/usr/bin/env bash
# A throw-away OpenID Connect provider on loopback for the single sign-on
# tests: npm's oidc-provider (tests/oidc, pinned by its lock file) under
# Node.js. The application "leap" has the secret "leap-test-secret".
#
#   scripts/oidc.sh start DIR   starts it, logging to DIR, and prints its
#                               issuer URL
#   scripts/oidc.sh stop DIR    stops it and removes DIR
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/loopback.sh
. "$here/scripts/loopback.sh"

case "${1:-}" in
  start)
    dir=$2
    mkdir -p "$dir"
    [ -d "$here/tests/oidc/node_modules/oidc-provider" ] ||
      npm ci --prefix "$here/tests/oidc" --no-audit --no-fund --loglevel=error >&2
    start_on_free_port "$dir" 54100 54130 "http://" \
      node "$here/tests/oidc/provider.mjs" "{port}" && exit 0
    echo "could not start the OpenID provider on 127.0.0.1" >&2
    exit 1
    ;;
  stop)
    dir=$2
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/oidc.sh start|stop DIR" >&2
    exit 2
    ;;
esac
