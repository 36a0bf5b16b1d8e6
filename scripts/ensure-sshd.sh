#!/usr/bin/env bash
# Make Debian's OpenSSH server binary available for the ssh:// engine test,
# idempotently. Nothing more global: the test starts its own sshd on 127.0.0.1
# with its own config, host key and authorized key in a temporary folder, and
# the package's own service is neither needed nor started here.
# /usr/sbin/sshd present → nothing to do. Prints one line saying what it did;
# errors go to stderr.
set -euo pipefail

readonly SSHD=${WG_SSHD:-/usr/sbin/sshd}

die() {
  echo "ensure-sshd: $*" >&2
  exit 1
}

if [[ -x "$SSHD" ]]; then
  echo "ensure-sshd: $SSHD is there; nothing to do"
  exit 0
fi

[[ "$(id -u)" == 0 ]] || die "$SSHD is missing and installing it needs root (running as uid $(id -u)); run this script as root or set WG_SSHD to an sshd binary"
[[ -f /etc/debian_version ]] || die "$SSHD is missing and this script can only install it on Debian; install OpenSSH's server and set WG_SSHD to its path"
command -v ssh >/dev/null || die "the ssh client is missing; the ssh:// engine test needs it (Debian: openssh-client)"

export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have empty package lists: refresh them when apt knows no candidate.
if ! apt-cache policy openssh-server 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -q >/dev/null || die "apt-get update failed; check this machine's Debian mirror"
fi
log=$(mktemp)
# policy-rc.d 101: the package's own service is not started (the test runs its own sshd).
policy=/usr/sbin/policy-rc.d
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get install -y -q openssh-server >"$log" 2>&1 || die "apt-get install -y openssh-server failed:
$(tail -n 20 "$log")"
rm -f "$log"
[[ -x "$SSHD" ]] || die "openssh-server is installed but $SSHD is not there"
echo "ensure-sshd: installed $("$SSHD" -V 2>&1 | head -n 1) at $SSHD"
