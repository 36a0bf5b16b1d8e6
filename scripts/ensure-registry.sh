#!/usr/bin/env bash
# Start the test registry, idempotently: Debian's docker-registry on 127.0.0.1
# with htpasswd auth, for the engine tests of pulls (test/engine/registry-pull.test.ts).
#
# Already answering on its port → nothing to do. Otherwise install docker-registry
# (and apache2-utils for htpasswd) when missing, write its config and password file
# under $STATE, and start it detached so it outlives this script. The engine allows
# plain HTTP to 127.0.0.0/8, so no TLS. The user and password are test values for a
# registry that only listens on loopback; the tests read them from the same defaults.
set -euo pipefail
# shellcheck source=lib/daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/daemon.sh"

readonly ADDR="${WG_TEST_REGISTRY:-127.0.0.1:5017}"
readonly USER_NAME="${WG_TEST_REGISTRY_USER:-worker-gate}"
readonly PASSWORD="${WG_TEST_REGISTRY_PASSWORD:-loopback-only-test-password}"
readonly STATE=/var/lib/worker-gate-registry
readonly LOG=/var/log/worker-gate-registry.log
readonly WAIT_SECONDS=30

die() {
  echo "ensure-registry: $*" >&2
  exit 1
}

# /v2/ answers 401 with auth on, 200 without: either means a registry is there.
answers() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$ADDR/v2/" || true)"
  [[ "$code" == 401 ]]
}

if answers; then
  echo "ensure-registry: registry at $ADDR answers; nothing to do"
  exit 0
fi
[[ "$(id -u)" == 0 ]] || die "no registry answers at $ADDR and starting one needs root; run this script as root"

installed=""
if ! command -v docker-registry >/dev/null 2>&1 || ! command -v htpasswd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache policy docker-registry 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -q >/dev/null || die "apt-get update failed; check this machine's Debian mirror"
  fi
  apt-get install -y -q --no-install-recommends docker-registry apache2-utils >/dev/null ||
    die "apt-get install -y docker-registry apache2-utils failed"
  installed="installed docker-registry, "
fi

mkdir -p "$STATE/data"
htpasswd -Bbc "$STATE/htpasswd" "$USER_NAME" "$PASSWORD" >/dev/null 2>&1
cat >"$STATE/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/data
  delete:
    enabled: true
http:
  addr: $ADDR
auth:
  htpasswd:
    realm: worker-gate-test
    path: $STATE/htpasswd
YAML

start_daemon "$LOG" docker-registry serve "$STATE/config.yml"
pid=$DAEMON_PID
for ((i = 0; i < WAIT_SECONDS; i++)); do
  if answers; then
    echo "ensure-registry: ${installed}started docker-registry (pid $pid, log $LOG); $ADDR answers after ${i}s"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || die "docker-registry exited before answering; see $LOG:
$(tail -n 5 "$LOG" 2>/dev/null)"
  sleep 1
done
die "docker-registry did not answer on $ADDR within ${WAIT_SECONDS}s; see $LOG"
