#!/usr/bin/env bash
# A throw-away SMTP server on loopback for the tests (Debian's
# python3-aiosmtpd): every message it accepts lands in a Maildir.
#
#   scripts/smtp.sh start DIR   starts it, keeping mail in DIR/mail, and
#                               prints "HOST:PORT"
#   scripts/smtp.sh stop DIR    stops it and removes DIR
set -euo pipefail
# shellcheck source=scripts/loopback.sh
. "$(dirname "$0")/loopback.sh"

case "${1:-}" in
  start)
    dir=$2
    mkdir -p "$dir"
    # Debian's own interpreter: python3 on PATH may be another one without
    # Debian's packages.
    start_on_free_port "$dir" 52525 52555 "" /usr/bin/python3 -m aiosmtpd -n \
      -l "127.0.0.1:{port}" -c aiosmtpd.handlers.Mailbox "$dir/mail" && exit 0
    echo "could not start an SMTP server on 127.0.0.1" >&2
    exit 1
    ;;
  stop)
    dir=$2
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/smtp.sh start|stop DIR" >&2
    exit 2
    ;;
esac
