#!/usr/bin/env bash
# The main job on the embedded defaults, on a fresh machine: a Docker engine,
# the local stand-in base images (no registry is reachable here), the bundle,
# then `worker-gate verify` on the shipped image and the shipped template.
# Extra arguments go to `worker-gate verify` (e.g. --cache-layout both).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SSL_CERT_FILE:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
fi
bash scripts/ensure-docker.sh
bash scripts/build-standins.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
[ -f dist/cli.js ] || npm run build
mkdir -p worker-gate-out
exec node dist/cli.js verify \
  --build-arg PYTHON_IMAGE=worker-gate-standin/python:3.12-slim \
  --build-arg UV_IMAGE=worker-gate-standin/uv:0.13.9 \
  --report worker-gate-out/report.json \
  --summary worker-gate-out/summary.md \
  --junit worker-gate-out/junit.xml \
  --html worker-gate-out/report.html \
  "$@"
