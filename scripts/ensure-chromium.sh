#!/usr/bin/env bash
# Make Debian's Chromium available for the HTML report test, idempotently.
#
# Playwright's and Puppeteer's own browser downloads cannot reach their hosts here
# from CI machines like this one, so the test drives Debian's /usr/bin/chromium through
# playwright-core. Chromium already answering `--version` → nothing to do. Otherwise,
# as root on Debian, install it (with fonts-liberation, so screenshots have real text
# metrics). Prints one line saying what it did; errors go to stderr.
set -euo pipefail

readonly CHROMIUM=${WG_CHROMIUM:-/usr/bin/chromium}

die() {
  echo "ensure-chromium: $*" >&2
  exit 1
}

answers() {
  [[ -x "$CHROMIUM" ]] && timeout 60 "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1
}

if answers; then
  echo "ensure-chromium: $("$CHROMIUM" --headless --no-sandbox --version 2>/dev/null | head -n 1) at $CHROMIUM; nothing to do"
  exit 0
fi

[[ "$(id -u)" == 0 ]] || die "$CHROMIUM is missing and installing it needs root (running as uid $(id -u)); run this script as root or set WG_CHROMIUM to a Chromium binary"
[[ -f /etc/debian_version ]] || die "$CHROMIUM is missing and this script can only install it on Debian; install Chromium and set WG_CHROMIUM to its path"

export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have empty package lists: refresh them when apt knows no candidate.
if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -q >/dev/null || die "apt-get update failed; check this machine's Debian mirror"
fi
log=$(mktemp)
apt-get install -y -q chromium fonts-liberation >"$log" 2>&1 || die "apt-get install -y chromium fonts-liberation failed:
$(tail -n 20 "$log")"
rm -f "$log"
answers || die "chromium is installed but '$CHROMIUM --headless --version' does not answer"
echo "ensure-chromium: installed $("$CHROMIUM" --headless --no-sandbox --version 2>/dev/null | head -n 1) at $CHROMIUM"
