#!/usr/bin/env bash
# The browser the website's end-to-end tests drive (tests/Website): Debian's chromium package.
# Playwright's own browser download cannot work on these machines, so the tests launch the
# system's browser at $CAREERS_CHROMIUM (default /usr/bin/chromium).
#
#   scripts/browser.sh    # installs chromium with apt-get when it is missing; idempotent
set -euo pipefail

BROWSER="${CAREERS_CHROMIUM:-/usr/bin/chromium}"

log() { echo "browser: $*"; }
die() { echo "browser: ERROR: $*" >&2; exit 1; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if [[ -x "$BROWSER" ]]; then
  log "$BROWSER is installed"
  exit 0
fi
[[ "$BROWSER" == /usr/bin/chromium ]] || die "no browser at CAREERS_CHROMIUM=$BROWSER"
command -v apt-get >/dev/null 2>&1 || die "no /usr/bin/chromium and no apt-get: install Chromium, or set CAREERS_CHROMIUM"

export DEBIAN_FRONTEND=noninteractive
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
log "apt-get update"
as_root apt-get update -qq >"$out" 2>&1 || { cat "$out" >&2; die "apt-get update failed"; }
log "installing chromium"
# Fonts come with it (fonts-liberation via its dependencies): pages render text, screenshots read.
as_root apt-get install -y -qq --no-install-recommends chromium </dev/null >"$out" 2>&1 ||
  { cat "$out" >&2; die "apt-get install chromium failed"; }
[[ -x "$BROWSER" ]] || die "chromium installed, but $BROWSER is not there"
log "$("$BROWSER" --version 2>/dev/null | tail -1)"
