# Sourced by the scripts that start a throw-away server on loopback for the
# tests (smtp.sh, oidc.sh).
#
#   start_on_free_port DIR FIRST LAST PREFIX COMMAND [ARG...]
#
# runs COMMAND in the background on the first port from FIRST to LAST that
# nothing answers on ({port} in its arguments becomes the port),
# logging to DIR/server.log with its pid in DIR/pid, waits until it answers
# and prints PREFIX followed by 127.0.0.1:PORT.
start_on_free_port() {
  local dir=$1 first=$2 last=$3 prefix=$4
  shift 4
  local port arg args
  for port in $(seq "$first" "$last"); do
    # A port something already answers on is taken.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    args=()
    for arg in "$@"; do args+=("${arg//\{port\}/$port}"); done
    "${args[@]}" >"$dir/server.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 100); do
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "${prefix}127.0.0.1:$port"
        return 0
      fi
      sleep 0.1
    done
    kill "$(cat "$dir/pid")" 2>/dev/null || true
  done
  cat "$dir/server.log" >&2
  return 1
}
