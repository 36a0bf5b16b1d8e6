#!/usr/bin/env bash
# Build local stand-ins for the public base images our Dockerfiles take as build args.
#
# This machine reaches no container registry, so nothing can be pulled:
# tests build FROM these instead. Names of their own, so a stand-in is never mistaken
# for (or pushed as) the real image:
#   worker-gate-standin/python:3.12-slim  like python:3.12-slim (Debian bookworm + CPython in /usr/local)
#   worker-gate-standin/python:3.13-slim  the same on Python 3.13
#   worker-gate-standin/uv:$UV_VERSION    like ghcr.io/astral-sh/uv: /uv and /uvx in a scratch image
#
# Idempotent: an image that exists (built by this recipe) is skipped; --force rebuilds
# everything, the cached Debian root file system and the uv wheel included.
# Needs root (debootstrap, chroot), Debian, and a Docker engine (scripts/ensure-docker.sh).
set -Eeuo pipefail
# A step that fails unexpectedly still says where, instead of ending the script silently.
trap 'echo "build-standins: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

# Same version as the pin in images/worker-base-common/Dockerfile.
readonly UV_VERSION=0.13.9
readonly SUITE=bookworm
readonly PREFIX=worker-gate-standin
readonly PYENV_ROOT="${PYENV_ROOT:-/root/.pyenv}"
readonly CACHE_DIR="${WORKER_GATE_CACHE_DIR:-/var/cache/worker-gate}"
# Bump when the recipe changes: images made by an older recipe are rebuilt. It goes in
# the image's comment, not a label, so it does not leak into images built FROM it.
readonly RECIPE=3

# What python:3.12-slim has: ca-certificates, netbase, tzdata and the shared libraries
# its CPython links (found by ldd, as its Dockerfile does). Not git, curl, jq or make:
# the real image has none, and with them preinstalled our Dockerfile's apt layer would
# be near empty on the stand-in, so its measured size would not resemble the real one.
readonly PACKAGES=ca-certificates,netbase,tzdata,libssl3,libffi8,libsqlite3-0,libbz2-1.0,liblzma5,libreadline8,libncursesw6,zlib1g,libexpat1,libuuid1,libgdbm6,libnsl2
readonly IMAGE_PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin

force=0
usage() {
  echo "usage: $0 [--force]   build the worker-gate stand-in base images (--force: rebuild all from scratch)"
}
for arg in "$@"; do
  case "$arg" in
  --force) force=1 ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
  esac
done

die() {
  echo "build-standins: $*" >&2
  exit 1
}
say() {
  echo "build-standins: $*"
}

# --- preconditions ---------------------------------------------------------------

[[ "$(id -u)" == 0 ]] || die "needs root (debootstrap and chroot); run as root"
[[ -f /etc/debian_version ]] || die "needs a Debian host (debootstrap, apt); this is not one"
command -v docker >/dev/null 2>&1 || die "no docker CLI on PATH; run scripts/ensure-docker.sh first"
timeout 10 docker version >/dev/null 2>&1 ||
  die "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unset}); run scripts/ensure-docker.sh first"

# Host tools, installed when missing like ensure-docker.sh installs docker.io.
need_host_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  say "installing $2 (for $1)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-cache policy "$2" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -q >/dev/null || die "apt-get update failed; check this machine's Debian mirror"
  fi
  apt-get install -y -q --no-install-recommends "$2" >/dev/null || die "apt-get install $2 failed"
  command -v "$1" >/dev/null 2>&1 || die "$2 is installed but $1 is not on PATH"
}
need_host_package debootstrap debootstrap
need_host_package strip binutils
need_host_package flock util-linux
command -v python3 >/dev/null 2>&1 || die "needs python3 with pip on the host to fetch the uv wheel from PyPI"

mkdir -p "$CACHE_DIR"
# Two runs at once (parallel CI jobs) would race on the cache and on the image names.
exec 9>"$CACHE_DIR/.lock"
flock 9

# --- helpers ---------------------------------------------------------------------

# This machine's Debian mirror (its apt sources), so debootstrap uses what is known to work.
debian_mirror() { # suffix: "" for the archive, "-security" for security updates
  local url
  url="$(grep -hsE '^[[:space:]]*(URIs:|deb[[:space:]])' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    /etc/apt/sources.list.d/*.sources | grep -oE 'https?://[^ ]+' | grep -E "/debian$1/?\$" | head -n 1 || true)"
  echo "${url:-http://deb.debian.org/debian$1}"
}
readonly MIRROR="${WORKER_GATE_DEBIAN_MIRROR:-$(debian_mirror "")}"
readonly SECURITY_MIRROR="${WORKER_GATE_DEBIAN_SECURITY_MIRROR:-$(debian_mirror -security)}"

readonly COMMENT="worker-gate stand-in, recipe $RECIPE"
image_current() { # name
  [[ "$(docker image inspect --format '{{.Comment}}' "$1" 2>/dev/null)" == "$COMMENT" ]]
}

work_dirs=()
new_work_dir() { # variable to set (not named _new)
  local _new
  _new="$(mktemp -d "$CACHE_DIR/work.XXXXXX")"
  work_dirs+=("$_new")
  printf -v "$1" '%s' "$_new"
}

# debootstrap mounts /proc and /sys inside its target and a failed run can leave them
# mounted: unmount first, and never let rm cross into another file system.
remove_dir() { # dir
  local dir="$1" mount
  [[ -d "$dir" ]] || return 0
  while read -r mount; do
    umount -l "$mount" 2>/dev/null || true
  done < <(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
  if awk -v d="$dir/" 'index($2, d) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
    echo "build-standins: left $dir in place: something is still mounted inside it" >&2
    return 0
  fi
  rm -rf --one-file-system "$dir"
}
cleanup() {
  local dir
  for dir in "${work_dirs[@]}"; do remove_dir "$dir"; done
}
trap cleanup EXIT

# Pack a root file system as a docker import stream. /dev, /proc and /sys are the
# engine's at run time; their content here is the host's leftovers.
pack_rootfs() { # dir
  tar -C "$1" --numeric-owner --xattrs --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
    --exclude='./run/*' --exclude='./tmp/*' -cf - .
}

# --- the Debian root file system, cached --------------------------------------------

# Keyed by the package list: a changed list builds a new cache instead of reusing a stale one.
rootfs_key="$(printf '%s %s' "$PACKAGES" "$RECIPE" | sha256sum | cut -c1-12)"
readonly ROOTFS_TAR="$CACHE_DIR/rootfs-$SUITE-$rootfs_key.tar"

# What debuerreotype does to the official debian:SUITE-slim image (python:X.Y-slim's base).
# Without its apt config every `apt-get update` leaves 75-90 MB of /var/cache/apt/*.bin in
# its layer, and without the dpkg excludes every `apt-get install` adds docs and man pages:
# a Dockerfile's layer sizes on the stand-in would not resemble those on the real base.
minimize_like_debian_slim() { # rootfs dir
  local dir="$1" share
  printf '#!/bin/sh\n# Services never start during an image build.\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod 0755 "$dir/usr/sbin/policy-rc.d"
  echo 'force-unsafe-io' >"$dir/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$dir/etc/apt/apt.conf.d/docker-autoremove-suggests"
  cat >"$dir/etc/apt/apt.conf.d/docker-clean" <<'EOF'
# Since for most Docker users, package installs happen in "docker build" steps,
# they essentially become individual layers due to the way Docker handles
# layering, especially using CoW filesystems.  What this means for us is that
# the caches that APT keeps end up just wasting space in those layers, making
# our layers unnecessarily large (especially since we'll normally never use
# these caches again and will instead just "docker build" again and make a brand
# new image).

# Ideally, these would just be invoking "apt-get clean", but in our testing,
# that ended up being cyclic and we got stuck on APT's lock, so we get this fun
# creation that's essentially just "apt-get clean".
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };

Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";

# Note that we do realize this isn't the ideal way to do this, and are always
# open to better suggestions (https://github.com/debuerreotype/debuerreotype/issues).
EOF
  echo 'Acquire::GzipIndexes "true";' >"$dir/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Acquire::Languages "none";' >"$dir/etc/apt/apt.conf.d/docker-no-languages"

  cat >"$dir/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# This is the "slim" variant of the Debian base image.
# Many files which are normally unnecessary in containers are excluded,
# and this configuration file keeps them that way.
path-exclude /usr/share/doc/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
path-include /usr/share/doc/*/copyright
path-include /usr/share/locale/locale.alias
EOF
  for share in doc groff info linda lintian/overrides locale man; do
    [[ -d "$dir/usr/share/$share" ]] || continue
    find "$dir/usr/share/$share" -mindepth 1 ! -type d \
      ! -path "$dir/usr/share/doc/*/copyright" ! -path "$dir/usr/share/locale/locale.alias" -delete
    find "$dir/usr/share/$share" -mindepth 1 -depth -type d -empty -delete
  done
}

build_rootfs() {
  local dir
  new_work_dir dir
  say "debootstrap $SUITE from $MIRROR (once; cached as $ROOTFS_TAR)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$dir" "$MIRROR" >"$CACHE_DIR/debootstrap.log" 2>&1 ||
    die "debootstrap $SUITE from $MIRROR failed; see $CACHE_DIR/debootstrap.log"

  # The apt sources of the official debian image, on this machine's mirror.
  rm -f "$dir/etc/apt/sources.list"
  cat >"$dir/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY_MIRROR
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF

  minimize_like_debian_slim "$dir"

  # A built image carries no package lists, no downloaded .debs, and the engine
  # provides resolv.conf and hostname at run time.
  find "$dir/var/lib/apt/lists" -mindepth 1 -delete
  mkdir -p "$dir/var/lib/apt/lists/partial"
  rm -f "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin
  rm -f "$dir/etc/resolv.conf" "$dir/etc/hostname"
  rm -rf "$dir"/var/log/apt/* "$dir"/var/log/{alternatives,bootstrap,dpkg}.log "$dir/var/cache/ldconfig/aux-cache"

  pack_rootfs "$dir" >"$ROOTFS_TAR.partial"
  mv "$ROOTFS_TAR.partial" "$ROOTFS_TAR"
  remove_dir "$dir"
  # Caches of earlier recipes or package lists are never read again.
  find "$CACHE_DIR" -maxdepth 1 -name "rootfs-$SUITE-*.tar" ! -path "$ROOTFS_TAR" -delete
}

ensure_rootfs() {
  [[ -s "$ROOTFS_TAR" ]] || build_rootfs
}

# --- python stand-ins ------------------------------------------------------------

# CPython comes from this machine's pyenv build (built on bookworm, so its libraries
# match the rootfs). When that folder is missing we fail rather than fall back to
# Debian's python3: a distro Python lives in /usr, has no pip and an EXTERNALLY-MANAGED
# marker, so it would not stand in for python:X.Y-slim and would test something else.
build_python() { # version (e.g. 3.12.1) name
  local version="$1" name="$2" minor="${1%.*}" src dir local_dir sp entry missing crt out
  src="$PYENV_ROOT/versions/$version"
  [[ -x "$src/bin/python$minor" ]] ||
    die "$name needs CPython $version at $src (a pyenv build made on Debian $SUITE); it is missing"
  ensure_rootfs

  new_work_dir dir
  local_dir="$dir/usr/local"
  tar -C "$dir" --numeric-owner -xpf "$ROOTFS_TAR"
  cp -a "$src/." "$local_dir/"

  # What the python image's Dockerfile removes: tests, byte code, the static library.
  # Plus every .pth file: a pyenv build can carry host-specific hooks (this machine's
  # has one for its egress CA), and python:X.Y-slim has none.
  find "$local_dir" -depth \( \
    \( -type d \( -name test -o -name tests -o -name idle_test \) \) \
    -o \( -type f \( -name '*.pyc' -o -name '*.pyo' -o -name 'libpython*.a' -o -name '*.pth' \) \) \
    \) -exec rm -rf '{}' +
  # python:3.12-slim and later ship pip only (no setuptools, no wheel): keep nothing else,
  # so "no tool installed globally" is judged on what the real base would have.
  sp="$local_dir/lib/python$minor/site-packages"
  for entry in "$sp"/* "$sp"/.[!.]*; do
    [[ -e "$entry" ]] || continue
    case "${entry##*/}" in
    pip | pip-*.dist-info | README.txt) ;;
    *) rm -rf "$entry" ;;
    esac
  done
  # The official build links with --strip-all; pyenv keeps debug info (tens of MB).
  strip --strip-all "$local_dir/bin/python$minor"
  find "$local_dir" -type f \( -name '*.so' -o -name 'lib*.so.*' \) -exec strip --strip-unneeded '{}' +

  # Console scripts (pip, idle, pydoc, ...) point at the pyenv path: repoint them, then
  # the build-time paths in sysconfig data, python-config and pkg-config files.
  for entry in "$local_dir"/bin/*; do
    [[ -f "$entry" && ! -L "$entry" ]] || continue
    if head -n 1 "$entry" | grep -q "^#!$PYENV_ROOT/"; then
      sed -i "1s|.*|#!/usr/local/bin/python$minor|" "$entry"
    fi
  done
  grep -rlIF -- "$src" "$local_dir" | xargs -r sed -i "s|$src|/usr/local|g"
  [[ -e "$local_dir/bin/python3" ]] || ln -s "python$minor" "$local_dir/bin/python3"
  [[ -e "$local_dir/bin/python" ]] || ln -s python3 "$local_dir/bin/python"

  chroot "$dir" /sbin/ldconfig
  missing="$(chroot "$dir" /bin/sh -c \
    "find /usr/local -type f \\( -name '*.so*' -o -perm -u+x \\) ! -name '*tkinter*' -exec ldd '{}' ';' 2>/dev/null" |
    awk '/not found/ { print $1 }' | sort -u | tr '\n' ' ')"
  # tkinter needs Tk, which python:X.Y-slim does not carry either.
  [[ -z "$missing" ]] || die "$name: CPython $version links libraries missing from the rootfs: $missing(add their packages to PACKAGES)"

  # This machine's egress re-signs TLS with its own CA: trust it system-wide, as a
  # corporate base image would. (pip and uv still need SSL_CERT_FILE to use it.)
  for crt in /usr/local/share/ca-certificates/*.crt; do
    [[ -e "$crt" ]] || continue
    cp "$crt" "$local_dir/share/ca-certificates/"
  done
  # (Its rehash always warns about the bundle file itself: keep the output for failures.)
  out="$(chroot "$dir" /usr/sbin/update-ca-certificates 2>&1)" || die "$name: update-ca-certificates failed: $out"

  chroot "$dir" /usr/bin/env -i PYTHONDONTWRITEBYTECODE=1 /usr/local/bin/python3 -c 'import ssl, sqlite3, ctypes, lzma, bz2, readline, uuid' ||
    die "$name: the copied CPython $version cannot import its standard modules"

  pack_rootfs "$dir" | docker import \
    -c "ENV PATH=$IMAGE_PATH" \
    -c 'ENV LANG=C.UTF-8' \
    -c "ENV PYTHON_VERSION=$version" \
    -c 'CMD ["python3"]' \
    -m "$COMMENT" - "$name" >/dev/null
  remove_dir "$dir"
}

# --- uv stand-in -----------------------------------------------------------------

# The musllinux wheel carries the same static binaries as ghcr.io/astral-sh/uv, so they
# run in a scratch image as the real ones do.
uv_platform() {
  case "$(uname -m)" in
  x86_64) echo musllinux_1_1_x86_64 ;;
  aarch64) echo musllinux_1_1_aarch64 ;;
  *) die "no uv wheel known for machine type $(uname -m)" ;;
  esac
}

find_wheel() { # dir
  [[ -d "$1" ]] || return 0
  find "$1" -maxdepth 1 -name "uv-$UV_VERSION-*.whl" | head -n 1
}

build_uv() { # name
  local name="$1" platform wheel_dir wheel dir
  platform="$(uv_platform)"
  wheel_dir="$CACHE_DIR/uv-$UV_VERSION-$platform"
  wheel="$(find_wheel "$wheel_dir")"
  if [[ -z "$wheel" ]]; then
    say "downloading the uv $UV_VERSION wheel ($platform) from PyPI"
    python3 -m pip download --quiet --no-deps --only-binary=:all: --platform "$platform" \
      --dest "$wheel_dir" "uv==$UV_VERSION" ||
      die "pip download uv==$UV_VERSION --platform $platform failed (is PyPI reachable, with this machine's CA?)"
    wheel="$(find_wheel "$wheel_dir")"
    [[ -n "$wheel" ]] || die "pip reported success but left no uv wheel in $wheel_dir"
  fi

  new_work_dir dir
  python3 - "$wheel" "$dir" "$UV_VERSION" <<'EOF' || die "cannot extract uv and uvx from $wheel"
import sys, zipfile
wheel, dest, version = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    for tool in ("uv", "uvx"):
        with z.open(f"uv-{version}.data/scripts/{tool}") as src, open(f"{dest}/{tool}", "wb") as out:
            out.write(src.read())
EOF
  chmod 0755 "$dir/uv" "$dir/uvx"
  "$dir/uv" --version >/dev/null || die "the uv binary from $wheel does not run here"

  tar -C "$dir" --owner=0 --group=0 --numeric-owner -cf - uv uvx | docker import \
    -c 'WORKDIR /io' \
    -c 'ENTRYPOINT ["/uv"]' \
    -m "$COMMENT" - "$name" >/dev/null
  remove_dir "$dir"
}

# --- main ------------------------------------------------------------------------

if ((force)); then
  say "--force: dropping the cached rootfs and uv wheel"
  rm -f "$ROOTFS_TAR"
  rm -rf "$CACHE_DIR"/uv-"$UV_VERSION"-*
fi

build_one() { # name builder args...
  local name="$1" start old
  shift
  if ((!force)) && image_current "$name"; then
    say "$name exists; skipped"
    return 0
  fi
  start=$SECONDS
  old="$(docker image inspect --format '{{.Id}}' "$name" 2>/dev/null || true)"
  "$@" "$name"
  # A rebuilt stand-in would leave its predecessor dangling; drop it unless a container uses it.
  if [[ -n "$old" && "$old" != "$(docker image inspect --format '{{.Id}}' "$name")" ]]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
  say "$name built in $((SECONDS - start))s"
}

total_start=$SECONDS
build_one "$PREFIX/python:3.12-slim" build_python 3.12.1
build_one "$PREFIX/python:3.13-slim" build_python 3.13.0
build_one "$PREFIX/uv:$UV_VERSION" build_uv
say "done in $((SECONDS - total_start))s; build args for our Dockerfiles:"
echo "PYTHON_IMAGE=$PREFIX/python:3.12-slim UV_IMAGE=$PREFIX/uv:$UV_VERSION"
