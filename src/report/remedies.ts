// What to do about each failed gate: the sentence a reader of the summary or the
// HTML page needs after "what failed". Keyed by the gate ids of design.md.
import { AUDIT_FAMILIES } from './audit-remedies.js';
import { isPhaseGate } from './view/phases.js';

const EXACT: Readonly<Record<string, string>> = {
  build:
    'The image did not build: the failing instruction and its output are above; fix that Dockerfile line and push again.',
  'non-root-user':
    'Create a user in the image and end the Dockerfile with `USER <name>`: workers must not run as root. Only if your workers really run as root, add `non-root-user` to `skip-checks`.',
  'cache-dir-writable':
    'Create the uv cache directory in the image and give it to the worker user (`RUN mkdir -p "$UV_CACHE_DIR" && chown <user> "$UV_CACHE_DIR"`): a fresh volume takes the ownership of the folder it is mounted over, and is root’s when that folder is missing.',
  'max-image-size':
    'Shrink the image — the largest layers and the instructions that made them are listed under Image — or raise `max-image-size` if the growth is intended.',
  'max-size-increase':
    'Look at the layers that grew against the baseline and the paths that grew in them (under Image) and shrink them, or raise `max-size-increase` if the growth is intended.',
  'max-wasted-bytes':
    'Delete files in the same `RUN` that creates them (a download, a build folder), and clean package-manager caches there too (`rm -rf /var/lib/apt/lists/*`, `pip install --no-cache-dir`, `uv … --no-cache`): the wasters and their Dockerfile lines are listed under Image.',
  'min-efficiency':
    'Bytes a later layer deletes or overwrites are still shipped in the layer that added them: delete or change them in that same `RUN` (the wasters are listed under Image).',
  'pinned-images':
    'Pin every `FROM` and `COPY --from` image to an exact tag or a digest (e.g. `ghcr.io/astral-sh/uv:0.9.9`, not `latest`), so the image cannot change under you.',
  'python-fits-template':
    'Build the image on the Python the template asks for (e.g. the `PYTHON_IMAGE` build argument), or set `allow-python-mismatch` if you accept the risk.',
  'max-warm-setup-seconds':
    'Look at the link mode of the warm runs: `copy-fallback` means the uv cache and the project sit on two mounts and uv copies every file (compare the layouts). Otherwise raise `max-warm-setup-seconds`.',
  'min-setup-speedup':
    'Check that the warm runs were proved warm and how uv linked files; a shared cache that barely helps is usually one that copies. Otherwise lower `min-setup-speedup`.',
  'max-layout-ratio':
    'Put the uv cache and the workspaces inside one mount (the shared layout) so uv can hard-link, or raise `max-layout-ratio` if the copying is accepted.',
  'cache-shared':
    'Read the warm runs’ new distributions (under End to end): a warm setup that downloads means the second worker did not get the first one’s cache (check that the same `uv-cache` volume is mounted at `UV_CACHE_DIR`, and that the project pins what it installs). Missing evidence means the worker lost its python3 or the evidence could not run. If the cache is not meant to be shared, add `cache-shared` to `skip-checks`.',
  'max-warm-setup-regression':
    'The warm setup got slower than on the baseline: compare the phases of both runs and the link mode, or raise `timing-noise` if the machine is noisy.',
};

/** Gates that come in families, one gate per name: `forbid-package:pytest`. */
const FAMILIES: Readonly<Record<string, (names: string) => string>> = {
  require: (names) =>
    `Install ${names} in the image on the worker user’s PATH, at a version within the range asked for, or drop it from \`require\`.`,
  'forbid-command': (names) =>
    `Remove ${names} from the image: projects install their tools into their own virtual environment with \`make setup\`. If the image must keep one, drop it from \`forbid-commands\`.`,
  'forbid-package': (names) =>
    `Uninstall ${names} from the global Python, in the layer named with each. If another global package needs one, accept it with \`allow-packages: NAME=REASON\`.`,
  ...AUDIT_FAMILIES,
};

const PHASE_REMEDY =
  'Read the log tail of the failed phase (under End to end); run `worker-gate e2e --image <ref>` locally to reproduce it in the same worker containers.';

const FALLBACK = 'See the details of this gate below.';

export const ERROR_REMEDY =
  'This is not a verdict on the image: worker-gate could not finish (bad input or an infrastructure fault, exit status 2). Fix the cause above and run again.';

/** `forbid-package:pytest` → family `forbid-package`, name `pytest`; `max-image-size` is its own family. */
export function gateFamily(gate: string): { family: string; name?: string } {
  const colon = gate.indexOf(':');
  const family = colon > 0 ? gate.slice(0, colon) : gate;
  if (colon > 0 && FAMILIES[family]) return { family, name: gate.slice(colon + 1) };
  return { family: gate };
}

/** The next step for one or more failed gates of one family, in one or two sentences. */
export function remedyFor(...gates: string[]): string {
  const first = gates[0] ?? '';
  const { family } = gateFamily(first);
  const forFamily = FAMILIES[family];
  if (forFamily) {
    const names = gates.map((g) => `\`${gateFamily(g).name ?? g}\``);
    return forFamily(
      names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`,
    );
  }
  const exact = EXACT[first];
  if (exact) return exact;
  if (isPhaseGate(first)) return PHASE_REMEDY;
  return FALLBACK;
}

/** Failures grouped by family, in the order the first of each was found. */
export function groupByFamily<T extends { gate: string }>(failures: T[]): { family: string; members: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const f of failures) {
    const { family } = gateFamily(f.gate);
    groups.set(family, [...(groups.get(family) ?? []), f]);
  }
  return [...groups].map(([family, members]) => ({ family, members }));
}
