#!/usr/bin/env bash
# Make `docker buildx` available, idempotently, so builds can go through BuildKit
# as users' CI builds do (build-backend buildkit; auto picks it when present).
#
# Debian's bookworm has no buildx; its trixie suite has docker-buildx, a static
# binary that runs as a docker CLI plugin against this machine's engine (20.10,
# whose BuildKit is built in). It is downloaded with a sources list of its own,
# in a temporary folder (the machine's own package lists and engine are left as
# they are), unpacked, and copied into the CLI's plugin folder. A buildx already
# answering `docker buildx version` at or above the minimum → nothing to do.
# Prints one line saying what it did; errors go to stderr.
set -euo pipefail

readonly MINIMUM=${WG_BUILDX_MINIMUM:-0.13.0}
readonly PLUGINS=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins
readonly SUITE=${WG_BUILDX_SUITE:-trixie}
readonly MIRROR=${WG_DEBIAN_MIRROR:-http://deb.debian.org/debian}

die() {
  echo "ensure-buildx: $*" >&2
  exit 1
}

# "github.com/docker/buildx 0.13.1+ds1-3 …" → 0.13.1
installed_version() {
  docker buildx version 2>/dev/null | sed -nE 's/^[^ ]+ v?([0-9]+\.[0-9]+\.[0-9]+).*/\1/p' | head -n 1
}

# at_least A B: A >= B as dotted versions
at_least() {
  [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" == "$2" ]]
}

have=$(installed_version || true)
if [[ -n "$have" ]] && at_least "$have" "$MINIMUM"; then
  echo "ensure-buildx: docker buildx $have in place; nothing to do"
  exit 0
fi

command -v docker >/dev/null || die "no docker CLI on PATH: buildx is one of its plugins"
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
  die "docker buildx is missing and this script can only fetch it with apt-get and dpkg-deb (Debian); install docker-buildx ≥ $MINIMUM into $PLUGINS"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/etc"
echo "deb $MIRROR $SUITE main" >"$work/etc/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$work/etc/sources.list"
  -o "Dir::Etc::SourceParts=-"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -o "APT::Get::List-Cleanup=0"
)
log="$work/apt.log"
apt-get "${apt_opts[@]}" update -q >"$log" 2>&1 || die "apt-get update of Debian's $SUITE suite failed:
$(tail -n 20 "$log")"
(cd "$work" && apt-get "${apt_opts[@]}" download docker-buildx >"$log" 2>&1) ||
  die "apt-get download docker-buildx ($SUITE) failed:
$(tail -n 20 "$log")"
deb=$(find "$work" -maxdepth 1 -name 'docker-buildx_*.deb' | head -n 1)
[[ -n "$deb" ]] || die "apt-get download left no docker-buildx package in $work"
dpkg-deb -x "$deb" "$work/root"
binary="$work/root/usr/libexec/docker/cli-plugins/docker-buildx"
[[ -x "$binary" ]] || die "the package $(basename "$deb") has no usr/libexec/docker/cli-plugins/docker-buildx"
mkdir -p "$PLUGINS"
install -m 0755 "$binary" "$PLUGINS/docker-buildx"
have=$(installed_version || true)
[[ -n "$have" ]] || die "docker-buildx is in $PLUGINS but 'docker buildx version' does not answer"
at_least "$have" "$MINIMUM" || die "docker buildx $have from $SUITE is older than $MINIMUM"
echo "ensure-buildx: installed docker buildx $have from Debian's $SUITE suite into $PLUGINS"
