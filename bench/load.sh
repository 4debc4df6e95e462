#!/usr/bin/env bash
# Load test of `leap serve`: generates a synthetic organisation,
# starts the server, and measures four endpoints with oha. For each: the
# maximum throughput (closed loop), then p50/p99 at half that rate with a
# fixed request rate and latency correction, so tail latency is not hidden
# by coordinated omission. Also the server's peak memory (VmHWM).
#
# Usage: bench/load.sh PEOPLE [ENTRIES_PER_PERSON] [SECONDS]
# On SQLite by default (a new file in a temporary folder). With
# LEAP_BENCH_POSTGRES=postgres://USER:PASSWORD@HOST:PORT/postgres, on a new
# database created on that server (and dropped afterwards); for a
# throw-away server: scripts/postgres.sh start /tmp/leap-pg.
# Needs: oha (cargo install oha --locked), curl, python3 (and psql for
# PostgreSQL).
# Traffic goes only to 127.0.0.1, and every run is bounded by SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:?usage: bench/load.sh PEOPLE [ENTRIES_PER_PERSON] [SECONDS]}
ENTRIES=${2:-100}
SECS=${3:-10}
CONNECTIONS=${CONNECTIONS:-32}
for tool in oha curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/load.sh needs $tool" >&2; exit 2; }
done

cargo build --release --quiet -p leap-cli
LEAP=$PWD/target/release/leap
WORK=$(mktemp -d)
SERVER=
PGDB=
if [ -n "${LEAP_BENCH_POSTGRES:-}" ]; then
  PGDB=leap_bench_$$
  psql -q "$LEAP_BENCH_POSTGRES" -c "CREATE DATABASE $PGDB"
  DB_ARGS=(--database-url "${LEAP_BENCH_POSTGRES%/*}/$PGDB")
  BACKEND="PostgreSQL $(psql -tA "$LEAP_BENCH_POSTGRES" -c 'SHOW server_version' | cut -d' ' -f1)"
else
  DB_ARGS=(--db "$WORK/leap.db")
  BACKEND="SQLite (WAL)"
fi
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  [ -n "$PGDB" ] && psql -q "$LEAP_BENCH_POSTGRES" -c "DROP DATABASE IF EXISTS $PGDB"
  rm -rf "$WORK"
}
trap cleanup EXIT

GEN_START=$(date +%s.%N)
"$LEAP" "${DB_ARGS[@]}" demo --people "$PEOPLE" --entries-per-person "$ENTRIES" --seed 1 --json > "$WORK/demo.json"
GEN_SECS=$(python3 -c "print(f'{$(date +%s.%N) - $GEN_START:.1f}')")
# Who leads what in the generated organisation (leap demo --json).
demo_field() { python3 -c "import json,sys; d=json.load(open('$WORK/demo.json')); v=d$1; print('' if v is None else v)"; }
FIRST=$(demo_field "['first_account']")
CIO=$(demo_field "['cio']")
DIRECTOR=$(demo_field "['director']['account'] if d['director'] else None")
DIRECTOR_LINE=$(demo_field "['director']['line'] if d['director'] else None")
MANAGER=$(demo_field "['manager']['account'] if d['manager'] else None")
MANAGER_LINE=$(demo_field "['manager']['line'] if d['manager'] else None")
token() { "$LEAP" "${DB_ARGS[@]}" user token "$1" --name load 2>/dev/null; }
TOKEN=$(token "$FIRST")

RUST_LOG=warn "$LEAP" "${DB_ARGS[@]}" serve --addr 127.0.0.1:0 > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER=$!
for _ in $(seq 100); do grep -q http "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/serve.out" | sed 's:/$::')

# Sign in as the first person for the dashboard.
curl -s -c "$WORK/jar" "$URL/login" > "$WORK/login.html"
CSRF=$(grep -o 'name="csrf" value="[^"]*"' "$WORK/login.html" | head -1 | sed 's/.*value="//; s/"$//')
curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null \
  --data-urlencode "csrf=$CSRF" --data-urlencode "username=$FIRST" \
  --data-urlencode "password=leap demo passphrase" "$URL/login"
COOKIE=$(awk '$6 == "leap" { print "leap=" $7 }' "$WORK/jar")
[ -n "$COOKIE" ] || { echo "could not sign in" >&2; exit 1; }

# measure NAME URL [oha options...]: prints a Markdown table row.
measure() {
  local name=$1 url=$2; shift 2
  oha -z "${SECS}s" -c "$CONNECTIONS" --no-tui --output-format json "$@" "$url" > "$WORK/max.json"
  local max
  max=$(python3 -c "import json; print(int(json.load(open('$WORK/max.json'))['summary']['requestsPerSec']))")
  local rate=$(( max / 2 > 1 ? max / 2 : 1 ))
  oha -z "${SECS}s" -c "$CONNECTIONS" -q "$rate" --latency-correction --no-tui --output-format json "$@" "$url" > "$WORK/half.json"
  if python3 - "$WORK/max.json" "$WORK/half.json" "$name" "$max" "$rate" <<'PY'
import json, sys
mx, half, name, top, rate = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
m = json.load(open(mx)); h = json.load(open(half))
ok = lambda d: sum(v for k, v in d.get('statusCodeDistribution', {}).items() if k.startswith('2') or k.startswith('3'))
total = lambda d: sum(d.get('statusCodeDistribution', {}).values()) or 1
p = h['latencyPercentiles']
print(f"| {name} | {top} | {rate} | {p['p50']*1000:.2f} | {p['p99']*1000:.2f} | {100*ok(h)/total(h):.1f}% |")
# Requests cut off when a timed phase ends are not failures.
errors = {k: v for k, v in h.get('errorDistribution', {}).items() if k != 'aborted due to deadline'}
if ok(h) < sum(h.get('statusCodeDistribution', {}).values()) or errors:
    # Say what went wrong, so a failed run is never just a percentage.
    print(f"  {name}: status codes {h.get('statusCodeDistribution')}, errors {errors}", file=sys.stderr)
    sys.exit(1)
PY
  then :; else
    # And what the server said about it.
    echo "  the server's last log lines:" >&2
    tail -n 5 "$WORK/serve.err" | cut -c1-400 >&2
  fi
}

echo "$BACKEND. People: $PEOPLE, journal entries each: $ENTRIES, generated in ${GEN_SECS}s; ${SECS}s per run, $CONNECTIONS connections."
echo
echo "| endpoint | max req/s | rate for latency (req/s) | p50 ms | p99 ms | 2xx/3xx |"
echo "|---|---|---|---|---|---|"
measure "GET /healthz" "$URL/healthz"
measure "GET / (dashboard)" "$URL/" -H "Cookie: $COOKIE"
measure "GET /api/v1/gap" "$URL/api/v1/gap" -H "Authorization: Bearer $TOKEN"
measure "POST /api/v1/journal" "$URL/api/v1/journal" -m POST -T application/json \
  -d '{"text": "Ran the weekly operations review and delegated two actions"}' -H "Authorization: Bearer $TOKEN"
# The organisation (issue #20): a manager's team view, a director's, and
# the succession bench of everyone below the CIO.
if [ -n "$MANAGER" ]; then
  measure "GET /api/v1/team (manager, $MANAGER_LINE people)" "$URL/api/v1/team" -H "Authorization: Bearer $(token "$MANAGER")"
fi
if [ -n "$DIRECTOR" ]; then
  DIRECTOR_TOKEN=$(token "$DIRECTOR")
  measure "GET /api/v1/team (director, $DIRECTOR_LINE people)" "$URL/api/v1/team" -H "Authorization: Bearer $DIRECTOR_TOKEN"
  measure "GET /api/v1/bench (director, $DIRECTOR_LINE people)" "$URL/api/v1/bench" -H "Authorization: Bearer $DIRECTOR_TOKEN"
fi
measure "GET /api/v1/bench (CIO, $((PEOPLE - 1)) people)" "$URL/api/v1/bench" -H "Authorization: Bearer $(token "$CIO")"
echo
echo "Server peak memory (VmHWM): $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$SERVER/status")"
