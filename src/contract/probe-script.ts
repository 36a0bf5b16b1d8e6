// The probe scripts run inside the image under test: plain POSIX sh, reading
// and printing only. Parsing (versions, package metadata) happens in
// TypeScript (probe-output.ts), so the image needs nothing but /bin/sh and
// the commands it is asked about.
//
// Output is line records the parser picks out of whatever else is printed:
//   @@wg <kind> <fields...>        one line; a path is always the last field
//   @@wg begin <kind> <fields...>  a block: each content line prefixed "| ",
//   @@wg end                       closed by this line
//
// Each probe is a fragment: the contract joins a view's fragments into one
// script (one exec per view, one container for all), and the bench can run
// each fragment in a container of its own to show what that saves.

export type ProbeView = 'user' | 'root';

export interface ProbePlan {
  /** Commands that must run as the image's user: path and `--version` output. */
  require: readonly string[];
  /** Commands whose version the report wants even when not required (python3, uv). */
  info: readonly string[];
  forbidCommands: readonly string[];
  /** The PATH of the image config, split: scanned for forbidden executables and Python prefixes. */
  configPath: readonly string[];
}

export interface ProbeFragment {
  view: ProbeView;
  /** What the fragment probes, for the bench and for errors. */
  name: string;
  text: string;
}

/** Quote one word for sh: single quotes, with embedded ones closed and escaped. */
export function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

// Shared helpers. `lines` prefixes every line of its input; `headers` stops at
// the first blank line (the end of a METADATA header block, before the long
// description). `site` prints one site-packages folder's metadata once, by its
// real path, so a folder reached twice (lib64 → lib, two PATH dirs) is read once.
const PRELUDE = `wg() { printf '@@wg %s\\n' "$*"; }
lines() { while IFS= read -r l || [ -n "$l" ]; do printf '| %s\\n' "$l"; done; }
headers() { while IFS= read -r l || [ -n "$l" ]; do [ -z "$l" ] && break; printf '| %s\\n' "$l"; done; }
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
      q="\${m%/PKG-INFO}/requires.txt"
      if [ -f "$q" ]; then wg begin requires "$q"; lines < "$q"; wg end; fi ;;
    esac
  done
}
venv_sites() {
  r=$(cd "$1" 2>/dev/null && pwd -P) || return 0
  wg venv "$r"
  for s in "$r"/lib/python*/site-packages "$r"/lib64/python*/site-packages; do site venv "$s"; done
}
`;

function identityFragment(): ProbeFragment {
  // From /proc, not id(1): the image may not have coreutils' id.
  const text = `uid=; gid=
while read -r k v _; do case "$k" in Uid:) uid=$v ;; Gid:) gid=$v ;; esac; done < /proc/self/status
wg identity "$uid" "$gid" "$HOME"
`;
  return { view: 'user', name: 'identity', text };
}

// The uv cache folder as uv would pick it for this user, and how the image
// left it: the volume check mounts a fresh volume there.
function cacheDirFragment(): ProbeFragment {
  const text = `c="\${UV_CACHE_DIR:-\${XDG_CACHE_HOME:-$HOME/.cache}/uv}"
if [ -e "$c" ]; then set -- $(ls -ldn "$c" 2>/dev/null); wg cache-dir present "\${1:-?}" "\${3:-?}" "\${4:-?}" "$c"
else wg cache-dir missing - - - "$c"; fi
`;
  return { view: 'user', name: 'cache-dir', text };
}

function versionFragment(kind: 'require' | 'info', name: string): ProbeFragment {
  const q = shQuote(name);
  const text = `if p=$(command -v ${q} 2>/dev/null); then
  out=$(${q} --version 2>&1 </dev/null); rc=$?
  wg begin version ${q} "$rc" "$p"; printf '%s\\n' "$out" | lines; wg end
else
  wg missing ${q}
fi
`;
  return { view: 'user', name: `${kind}:${name}`, text };
}

function resolveFragment(view: ProbeView, name: string): ProbeFragment {
  const q = shQuote(name);
  const text = `if p=$(command -v ${q} 2>/dev/null); then wg resolve ${q} "$p"; fi\n`;
  return { view, name: `resolve:${name}:${view}`, text };
}

function pathScanFragment(plan: ProbePlan): ProbeFragment {
  const dirs = plan.configPath.map(shQuote).join(' ');
  const names = plan.forbidCommands.map(shQuote).join(' ');
  // By the folder's real path: /bin and /usr/bin are one folder on a merged-/usr system.
  const text = `for d in ${dirs}; do c=$(cd "$d" 2>/dev/null && pwd -P) || continue; for n in ${names}; do
  if [ -f "$c/$n" ] && [ -x "$c/$n" ]; then wg exe "$n" "$c/$n"; fi
done; done
`;
  return { view: 'root', name: 'path-executables', text };
}

// Global interpreters: the usual prefixes, plus the prefix of every PATH dir
// (/opt/conda/bin → /opt/conda/lib/python*/site-packages); a PATH dir whose
// parent has pyvenv.cfg is a virtual environment instead.
function globalSitesFragment(plan: ProbePlan): ProbeFragment {
  const dirs = plan.configPath.map(shQuote).join(' ');
  const text = `for s in /usr/lib/python*/site-packages /usr/lib/python*/dist-packages /usr/lib64/python*/site-packages \\
  /usr/local/lib/python*/site-packages /usr/local/lib/python*/dist-packages; do site global "$s"; done
for b in ${dirs}; do
  if [ -f "$b/../pyvenv.cfg" ]; then venv_sites "$b/.."; continue; fi
  for s in "$b"/../lib/python*/site-packages "$b"/../lib/python*/dist-packages; do site global "$s"; done
done
`;
  return { view: 'root', name: 'global-site-packages', text };
}

// The user's own site (pip install --user) and any virtual environment on the
// PATH the user really gets.
function userSitesFragment(): ProbeFragment {
  const text = `for s in "\${PYTHONUSERBASE:-$HOME/.local}"/lib/python*/site-packages; do site user "$s"; done
o=$IFS; IFS=:; set -f; set -- $PATH; IFS=$o; set +f
for b in "$@"; do if [ -n "$b" ] && [ -f "$b/../pyvenv.cfg" ]; then venv_sites "$b/.."; fi; done
`;
  return { view: 'user', name: 'user-site-packages', text };
}

export function probeFragments(plan: ProbePlan): ProbeFragment[] {
  const fragments: ProbeFragment[] = [identityFragment(), cacheDirFragment()];
  for (const name of plan.require) fragments.push(versionFragment('require', name));
  for (const name of plan.info) fragments.push(versionFragment('info', name));
  for (const name of plan.forbidCommands) fragments.push(resolveFragment('user', name));
  fragments.push(userSitesFragment());
  for (const name of plan.forbidCommands) fragments.push(resolveFragment('root', name));
  if (plan.forbidCommands.length > 0 && plan.configPath.length > 0) fragments.push(pathScanFragment(plan));
  fragments.push(globalSitesFragment(plan));
  return fragments;
}

/** One script for one view: the prelude, then its fragments in order. */
export function probeScript(fragments: readonly ProbeFragment[]): string {
  return `${PRELUDE}${fragments.map((f) => f.text).join('')}wg done\n`;
}

/** The image's configured PATH as a list (empty entries dropped). */
export function splitPath(value: string | undefined): string[] {
  return (value ?? '').split(':').filter((dir) => dir !== '');
}
