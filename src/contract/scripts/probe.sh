# The contract's probe, run inside the image under test after script-records.sh:
# plain POSIX sh, reading and printing only. Parsing (versions, package metadata,
# the uv cache folder rule) happens in TypeScript (probe-output.ts), so the image
# needs nothing but /bin/sh and the commands it is asked about.
#
# The arguments are the steps to run, in order, each with its own arguments:
#   identity                      uid, gid (from /proc: the image may lack id(1)) and HOME
#   cache-env                     the variables uv's cache folder rule reads, when set
#   cache-dir DIR                 whether DIR exists, with its mode and owner
#   version NAME                  the path of command NAME and its --version output
#   resolve NAME                  what `command -v NAME` resolves to
#   user-sites                    the user's site (pip --user) and venvs on the user's PATH
#   executables DIRS NAME         NAME as an executable file in each folder of DIRS (a PATH list)
#   global-sites DIRS             global site-packages: the usual prefixes and those of DIRS
# then `done`, so a probe that stops early is an error, not a pass.

# One site-packages folder's metadata, once, by its real path: a folder reached
# twice (lib64 → lib, two PATH dirs) is read once.
seen=' '
site() {
  [ -d "$2" ] || return 0
  d=$(cd "$2" 2>/dev/null && pwd -P) || return 0
  case "$seen" in *" $d "*) return 0 ;; esac
  seen="$seen$d "
  wg site "$1" "$d"
  for m in "$d"/*.dist-info/METADATA "$d"/*.egg-info/PKG-INFO "$d"/*.egg-info "$d"/*.egg/EGG-INFO/PKG-INFO; do
    [ -f "$m" ] || continue
    wg begin meta "$m"; headers < "$m"; wg end
    case "$m" in */PKG-INFO)
      q="${m%/PKG-INFO}/requires.txt"
      if [ -f "$q" ]; then wg begin requires "$q"; lines < "$q"; wg end; fi ;;
    esac
  done
}

venv_sites() {
  r=$(cd "$1" 2>/dev/null && pwd -P) || return 0
  wg venv "$r"
  for s in "$r"/lib/python*/site-packages "$r"/lib64/python*/site-packages; do site venv "$s"; done
}

# Each word of a PATH-style list, unglobbed, as the positional parameters of a function.
each_dir() {
  f=$1 list=$2
  o=$IFS; IFS=:; set -f
  # shellcheck disable=SC2086
  set -- $list
  IFS=$o; set +f
  for b in "$@"; do [ -n "$b" ] && "$f" "$b"; done
  return 0
}

identity() {
  uid=; gid=
  while read -r k v _; do case "$k" in Uid:) uid=$v ;; Gid:) gid=$v ;; esac; done < /proc/self/status
  wg identity "$uid" "$gid" "$HOME"
}

cache_env() {
  [ -n "${UV_CACHE_DIR+set}" ] && wg env UV_CACHE_DIR "$UV_CACHE_DIR"
  [ -n "${XDG_CACHE_HOME+set}" ] && wg env XDG_CACHE_HOME "$XDG_CACHE_HOME"
  return 0
}

cache_dir() {
  if [ -e "$1" ]; then
    # shellcheck disable=SC2046
    set -- "$1" $(ls -ldn "$1" 2>/dev/null)
    wg cache-dir present "${2:-?}" "${4:-?}" "${5:-?}" "$1"
  else
    wg cache-dir missing - - - "$1"
  fi
}

version() {
  if p=$(command -v "$1" 2>/dev/null); then
    out=$("$1" --version 2>&1 </dev/null); rc=$?
    wg begin version "$1" "$rc" "$p"; printf '%s\n' "$out" | lines; wg end
  else
    wg missing "$1"
  fi
}

resolve() {
  if p=$(command -v "$1" 2>/dev/null); then wg resolve "$1" "$p"; fi
  return 0
}

user_site_venv() { if [ -f "$1/../pyvenv.cfg" ]; then venv_sites "$1/.."; fi; }
user_sites() {
  for s in "${PYTHONUSERBASE:-$HOME/.local}"/lib/python*/site-packages; do site user "$s"; done
  each_dir user_site_venv "$PATH"
}

# By the folder's real path: /bin and /usr/bin are one folder on a merged-/usr system.
exe_dir() {
  c=$(cd "$1" 2>/dev/null && pwd -P) || return 0
  if [ -f "$c/$exe_name" ] && [ -x "$c/$exe_name" ]; then wg exe "$exe_name" "$c/$exe_name"; fi
}

# Global interpreters: the usual prefixes, plus the prefix of every PATH dir
# (/opt/conda/bin → /opt/conda/lib/python*/site-packages); a PATH dir whose
# parent has pyvenv.cfg is a virtual environment instead.
global_dir() {
  if [ -f "$1/../pyvenv.cfg" ]; then venv_sites "$1/.."; return 0; fi
  for s in "$1"/../lib/python*/site-packages "$1"/../lib/python*/dist-packages; do site global "$s"; done
}
global_sites() {
  for s in /usr/lib/python*/site-packages /usr/lib/python*/dist-packages /usr/lib64/python*/site-packages \
    /usr/local/lib/python*/site-packages /usr/local/lib/python*/dist-packages; do site global "$s"; done
  each_dir global_dir "$1"
}

while [ $# -gt 0 ]; do
  step=$1; shift
  case "$step" in
    identity) identity ;;
    cache-env) cache_env ;;
    cache-dir) cache_dir "$1"; shift ;;
    version) version "$1"; shift ;;
    resolve) resolve "$1"; shift ;;
    user-sites) user_sites ;;
    executables) exe_name=$2; each_dir exe_dir "$1"; shift 2 ;;
    global-sites) global_sites "$1"; shift ;;
    *) echo "probe.sh: unknown step $step" >&2; exit 2 ;;
  esac
done
wg done
