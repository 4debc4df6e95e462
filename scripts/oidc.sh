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

case "${1:-}" in
  start)
    dir=$2
    mkdir -p "$dir"
    [ -d "$here/tests/oidc/node_modules/oidc-provider" ] ||
      npm ci --prefix "$here/tests/oidc" --no-audit --no-fund --loglevel=error >&2
    for port in $(seq 54100 54130); do
      # A port something already answers on is taken.
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
      node "$here/tests/oidc/provider.mjs" "$port" >"$dir/server.log" 2>&1 &
      echo $! >"$dir/pid"
      for _ in $(seq 100); do
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
          echo "http://127.0.0.1:$port"
          exit 0
        fi
        sleep 0.1
      done
      kill "$(cat "$dir/pid")" 2>/dev/null || true
    done
    cat "$dir/server.log" >&2
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
