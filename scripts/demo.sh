#!/usr/bin/env bash
# The main job on the embedded defaults: a Docker engine, the shipped image
# built from its real public base images (python:3.12-slim, ghcr.io/astral-sh/uv)
# when the engine has them or can pull them, else from local stand-ins built on
# this machine (scripts/build-standins.sh), then `worker-gate verify` on it and
# the shipped template. One line says which bases it used and why.
# Extra arguments go to `worker-gate verify` (e.g. --cache-layout both).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SSL_CERT_FILE:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
fi
readonly PULL_TIMEOUT_SECONDS="${WG_DEMO_PULL_TIMEOUT:-60}"
bash scripts/ensure-docker.sh

# The Dockerfile's own defaults: the images a user's build pulls.
dockerfile=images/worker-base-common/Dockerfile
default_of() { sed -n "s/^ARG $1=//p" "$dockerfile" | head -n 1; }
real_python="$(default_of PYTHON_IMAGE)"
real_uv="$(default_of UV_IMAGE)"

# One attempt per image, bounded: a machine that cannot reach a registry fails fast or times out.
why=""
have_or_pull() {
  docker image inspect "$1" >/dev/null 2>&1 && return 0
  local out
  if out="$(timeout "$PULL_TIMEOUT_SECONDS" docker pull -q "$1" 2>&1)"; then return 0; fi
  why="the engine cannot pull $1: $(printf '%s' "${out:-timed out after ${PULL_TIMEOUT_SECONDS}s}" | tail -n 1 | cut -c1-200)"
  return 1
}

if have_or_pull "$real_python" && have_or_pull "$real_uv"; then
  python_image="$real_python"
  uv_image="$real_uv"
  echo "demo: building on the real base images $python_image and $uv_image (the engine has or pulled them)"
else
  bash scripts/build-standins.sh
  python_image=worker-gate-standin/python:3.12-slim
  uv_image=worker-gate-standin/uv:0.13.9
  echo "demo: building on the local stand-ins $python_image and $uv_image, because $why"
fi

[ -d node_modules ] || npm ci --no-audit --no-fund
[ -f dist/cli.js ] || npm run build
mkdir -p worker-gate-out
exec node dist/cli.js verify \
  --build-arg "PYTHON_IMAGE=$python_image" \
  --build-arg "UV_IMAGE=$uv_image" \
  --report worker-gate-out/report.json \
  --summary worker-gate-out/summary.md \
  --junit worker-gate-out/junit.xml \
  --html worker-gate-out/report.html \
  "$@"
