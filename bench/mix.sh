#!/usr/bin/env bash
# Many distinct people at once (issue #22): generates an organisation,
# starts the server, signs every person in (a session) and gives each a
# personal API token, then measures with bench/mix (leap-mix), an open loop
# at fixed rates whose latencies count from when each request was due:
#
#   - the dashboard over all the people in rotation,
#   - GET /api/v1/gap over all the people in rotation,
#   - a mix like an organisation's: 90 % reads (dashboard 40, gap 20,
#     journal 20, plan 10), 10 % writes (journal 7, plan items 3),
#   - and, for scale, /healthz and one person's dashboard,
#
# each as the highest rate whose p99 stays under P99_MS (10) with no error,
# RUNS times (3), with the median and the spread, each search after
# WARM_UP seconds (10) of the same workload that are not counted. Also the
# server's peak memory.
#
# Usage: bench/mix.sh PEOPLE [SECONDS]   (SECONDS per rate tried, default 5)
# ONLY=healthz,one,dashboard,gap,mix (the default: all) runs those searches.
# On SQLite; with LEAP_BENCH_POSTGRES=postgres://USER:PASSWORD@HOST:PORT/postgres
# on a new database on that server. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:?usage: bench/mix.sh PEOPLE [SECONDS]}
SECS=${2:-5}
RUNS=${RUNS:-3}
P99_MS=${P99_MS:-10}
WARM_UP=${WARM_UP:-10}
ONLY=${ONLY:-healthz,one,dashboard,gap,mix}
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }

cargo build --release --quiet -p leap-cli
cargo build --release --quiet --manifest-path bench/mix/Cargo.toml
LEAP=$PWD/target/release/leap
MIX=$PWD/bench/mix/target/release/leap-mix
WORK=$(mktemp -d)
SERVER=
PGDB=
if [ -n "${LEAP_BENCH_POSTGRES:-}" ]; then
  PGDB=leap_mix_$$
  psql -q "$LEAP_BENCH_POSTGRES" -c "CREATE DATABASE $PGDB"
  DB_ARGS=(--database-url "${LEAP_BENCH_POSTGRES%/*}/$PGDB")
  BACKEND="PostgreSQL"
else
  DB_ARGS=(--db "$WORK/leap.db")
  BACKEND="SQLite (WAL, synchronous = FULL)"
fi
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  [ -n "$PGDB" ] && psql -q "$LEAP_BENCH_POSTGRES" -c "DROP DATABASE IF EXISTS $PGDB"
  rm -rf "$WORK"
}
trap cleanup EXIT

"$LEAP" "${DB_ARGS[@]}" demo --people "$PEOPLE" --entries-per-person 100 --seed 1 --json > "$WORK/demo.json"
RUST_LOG=warn "$LEAP" "${DB_ARGS[@]}" serve --addr 127.0.0.1:0 > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER=$!
for _ in $(seq 100); do grep -q http "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/serve.out" | sed 's:/$::')

# Every person: a token, and a session (signed in through the login form).
for i in $(seq 1 "$PEOPLE"); do
  user=$(printf 'person%06d@example.org' "$i")
  token=$("$LEAP" "${DB_ARGS[@]}" user token "$user" --name mix 2>/dev/null)
  jar="$WORK/jar"
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" "$URL/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
    --data-urlencode "username=$user" --data-urlencode "password=leap demo passphrase" "$URL/login"
  cookie=$(awk '$6 == "leap" { print "leap=" $7 }' "$jar")
  printf '%s\t%s\n' "$token" "$cookie" >> "$WORK/people.tsv"
done

echo "$BACKEND. $PEOPLE people, each signed in and with a token, in rotation; ${SECS}s per rate; p99 limit ${P99_MS} ms."
# search NAME SPEC [PEOPLE_FILE] [START_RATE]
search() {
  local name=$1 spec=$2 people=${3:-$WORK/people.tsv} start=${4:-100} found=()
  echo
  echo "### $name"
  for run in $(seq "$RUNS"); do
    echo
    echo "Run $run:"
    echo
    "$MIX" --url "$URL" --people "$people" --mix "$spec" --find-max --start "$start" \
      --p99-ms "$P99_MS" --seconds "$SECS" --warm-up "$WARM_UP" | tee "$WORK/run.txt"
    found+=("$(grep -o 'no error: [0-9]*' "$WORK/run.txt" | grep -o '[0-9]*$' || echo 0)")
  done
  python3 - "$name" "${found[@]}" <<'PY'
import statistics, sys
name, values = sys.argv[1], [int(v) for v in sys.argv[2:]]
print(f"\n**{name}: median {statistics.median(values):.0f} req/s (runs: {', '.join(map(str, values))})**")
PY
}
# What the shares below are of: the server's cheapest answer, on this
# machine in this run.
! wanted healthz || search "GET /healthz" "1:GET:/healthz" "$WORK/people.tsv" 5000
head -1 "$WORK/people.tsv" > "$WORK/one.tsv"
! wanted one || search "Dashboard, one person (kept after the first request)" "1:GET:/" "$WORK/one.tsv" 1000
! wanted dashboard || search "Dashboard, every person in rotation" "1:GET:/"
! wanted gap || search "GET /api/v1/gap, every person in rotation" "1:GET:/api/v1/gap"
! wanted mix || search "The mix: 90 % reads, 10 % writes" "40:GET:/,20:GET:/api/v1/gap,20:GET:/api/v1/journal,10:GET:/api/v1/plan,7:POST:/api/v1/journal,3:POST:/api/v1/plan/items"
echo
echo "Server peak memory (VmHWM): $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$SERVER/status")"
