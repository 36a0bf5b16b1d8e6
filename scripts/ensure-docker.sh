#!/usr/bin/env bash
# Make a Docker engine reachable, idempotently.
#
# Engine already answering (DOCKER_HOST, else /var/run/docker.sock) → nothing to do.
# Otherwise, as root on Debian: install docker.io when dockerd is missing and start
# dockerd detached, so it outlives this script (CI machines start with no engine and
# no systemd to run one). Prints one line saying what it did; errors go to stderr.
set -euo pipefail
# shellcheck source=lib/daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/daemon.sh"

readonly SOCKET=/var/run/docker.sock
readonly LOG=/var/log/worker-gate-dockerd.log
readonly WAIT_SECONDS=60
readonly PIDFILE=/var/run/docker.pid

die() {
  echo "ensure-docker: $*" >&2
  exit 1
}

# `docker version` needs both ends: it fails when the engine does not answer.
answers() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker version >/dev/null 2>&1
}

local_answers() {
  DOCKER_HOST="unix://$SOCKET" answers
}

if [[ -n "${DOCKER_HOST:-}" ]]; then
  if answers; then
    echo "ensure-docker: engine at DOCKER_HOST=$DOCKER_HOST answers; nothing to do"
    exit 0
  fi
  # Starting a local engine would not help a caller whose DOCKER_HOST points elsewhere.
  if [[ "$DOCKER_HOST" != "unix://$SOCKET" ]]; then
    die "DOCKER_HOST=$DOCKER_HOST does not answer 'docker version'; start that engine or unset DOCKER_HOST to use a local one"
  fi
fi

if local_answers; then
  echo "ensure-docker: engine at $SOCKET answers; nothing to do"
  exit 0
fi

if [[ -S "$SOCKET" && ! -w "$SOCKET" ]]; then
  die "$SOCKET exists but uid $(id -u) may not use it; run as root or as a member of its group ($(stat -c %G "$SOCKET"))"
fi
[[ "$(id -u)" == 0 ]] || die "no Docker engine answers and starting one needs root (running as uid $(id -u)); run this script as root"
[[ -f /etc/debian_version ]] || die "no Docker engine answers and this script can only install one on Debian; start a Docker engine and set DOCKER_HOST"

installed=""
# docker.io ships both dockerd and the docker CLI used to probe it.
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have empty package lists: refresh them when apt knows no candidate.
  if ! apt-cache policy docker.io 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -q >/dev/null || die "apt-get update failed; check this machine's Debian mirror"
  fi
  apt-get install -y -q docker.io >/dev/null || die "apt-get install -y docker.io failed"
  command -v dockerd >/dev/null 2>&1 || die "docker.io is installed but dockerd is not on PATH ($PATH)"
  installed="installed docker.io, "
fi

# A dockerd that is already starting (another caller, or a slow start) gets waited for,
# not doubled: a second one would fail on its pid file. (Its pid file, not pgrep: procps
# is not on every minimal Debian.)
running_dockerd() {
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null)" || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]] && echo "$pid"
}
if pid="$(running_dockerd)"; then
  action="waited for the running dockerd (pid $pid)"
else
  start_daemon "$LOG" dockerd
  pid=$DAEMON_PID
  action="started dockerd (pid $pid, log $LOG)"
fi

for ((i = 0; i < WAIT_SECONDS; i++)); do
  if local_answers; then
    echo "ensure-docker: ${installed}${action}; engine at $SOCKET answers after ${i}s"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null && ! running_dockerd >/dev/null; then
    die "dockerd exited before answering; see $LOG:
$(tail -n 5 "$LOG" 2>/dev/null)"
  fi
  sleep 1
done
die "dockerd did not answer on $SOCKET within ${WAIT_SECONDS}s; see $LOG"
