#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and benchmarks, from Debian's
# packages, on 127.0.0.1 with a password (so that leap's password handling
# is what runs). PG_FSYNC=on for a server whose figures count (benchmarks).
#
#   scripts/postgres.sh start DIR   creates DIR, starts the server in it and
#                                   prints its URL (postgres://leap:leap@…)
#   scripts/postgres.sh stop DIR    stops it and removes DIR
#   scripts/postgres.sh crash DIR   stops it at once, as a crash would
#                                   (immediate mode: no checkpoint)
#   scripts/postgres.sh restart DIR starts it again on the same port
set -euo pipefail

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  return 1
}

# PostgreSQL refuses to run as root: run its programs as 'postgres' then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$2
    bin=$(bindir) || { echo "PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner bash -c "echo leap > '$dir/pw' && '$bin/initdb' -D '$dir/data' -U leap --pwfile='$dir/pw' \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    for port in $(seq 55432 55462); do
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
          -o "-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${PG_FSYNC:-off}" \
          start >/dev/null 2>&1; then
        echo "$port" >"$dir/port"
        echo "postgres://leap:leap@127.0.0.1:$port/postgres"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
  crash)
    dir=$2
    bin=$(bindir)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null
    ;;
  restart)
    dir=$2
    bin=$(bindir)
    port=$(cat "$dir/port")
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${PG_FSYNC:-off}" \
      start >/dev/null
    ;;
  stop)
    dir=$2
    bin=$(bindir) || exit 0
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|crash|restart DIR" >&2
    exit 2
    ;;
esac
