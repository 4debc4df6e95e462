#!/usr/bin/env bash
# leap's whole test suite, on both backends. Installs what the tests need and
# the repository does not hold (Debian's chromium and chromium-driver for the
# browser tests, postgresql for the PostgreSQL backend, python3-aiosmtpd for
# the e-mail tests, npm's axe-core, pinned by tests/axe's lock file, for the
# browser test's accessibility check, fonts and poppler-utils for the packet's
# PDF, npm's oidc-provider, pinned by tests/oidc's lock file, for the single
# sign-on tests), starts a throw-away PostgreSQL server, an SMTP server and
# an OpenID Connect provider on loopback, then runs every test of every crate twice: on SQLite (the
# schema-parity test compares it with PostgreSQL), then on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

# Fast failure first: formatting and lints, before anything is installed.
echo "== cargo fmt --check and clippy"
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  rustup component add rustfmt clippy
fi
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v script >/dev/null || need+=(bsdutils)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v pg_dump >/dev/null || need+=(postgresql-client)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
command -v npm >/dev/null || need+=(npm)
# The packet's PDF embeds system fonts (Latin, Greek, Chinese) and is read
# back with pdftotext.
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need+=(fonts-droid-fallback)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing ${need[*]} for the tests"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== axe-core for the accessibility check, oidc-provider for single sign-on"
npm ci --prefix tests/axe --no-audit --no-fund --loglevel=error
npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error

pg_dir=$(mktemp -d /tmp/leap-test-pg.XXXXXX)
smtp_dir=$(mktemp -d /tmp/leap-test-smtp.XXXXXX)
oidc_dir=$(mktemp -d /tmp/leap-test-oidc.XXXXXX)
trap 'bash scripts/postgres.sh stop "$pg_dir"; bash scripts/smtp.sh stop "$smtp_dir"; bash scripts/oidc.sh stop "$oidc_dir"' EXIT
LEAP_TEST_POSTGRES=$(bash scripts/postgres.sh start "$pg_dir")
LEAP_TEST_SMTP=$(bash scripts/smtp.sh start "$smtp_dir")
LEAP_TEST_MAILDIR=$smtp_dir/mail
LEAP_TEST_OIDC=$(bash scripts/oidc.sh start "$oidc_dir")
export LEAP_TEST_POSTGRES LEAP_TEST_SMTP LEAP_TEST_MAILDIR LEAP_TEST_OIDC

echo "== the test suite on SQLite"
LEAP_TEST_BACKEND=sqlite cargo test --workspace --locked
echo "== the test suite on PostgreSQL"
LEAP_TEST_BACKEND=postgres cargo test --workspace --locked
