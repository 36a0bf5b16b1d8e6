// The one Report that every command produces, written as the JSON report
// (schema version 1: its keys are a contract with the readers of that file).
// The view model reads it; the renderers read the view.

export type Verdict = 'pass' | 'fail' | 'error';
export type CheckStatus = 'pass' | 'fail' | 'warn';
export type ProvedState = 'cold' | 'warm' | 'not-warm' | 'not-cold';
export type LinkMode = 'hardlink' | 'copy' | 'copy-fallback' | 'symlink' | 'clone' | 'unknown';
export type CacheLayout = 'separate' | 'shared';

export interface Failure {
  gate: string;
  message: string;
  /** Where to point an annotation, when known. */
  file?: string;
  line?: number;
}

export interface Layer {
  createdBy: string;
  sizeBytes: number;
  dockerfileLine?: number;
}

/** One source of waste: what, where, in which layer (and which later layer deleted or overwrote it). */
export interface Waster {
  kind: 'removed' | 'overwritten' | 'cache';
  /** The deleted path, the folder of the overwritten files, or the cache folder. */
  path: string;
  sizeBytes: number;
  files: number;
  /** The layer that shipped the bytes (where the fix belongs). */
  layer: { index: number; createdBy: string; dockerfileLine?: number };
  /** removed / overwritten: the later layer that did it. */
  by?: { index: number; createdBy: string; dockerfileLine?: number };
  /** cache: which cache (`apt package lists`, `pip cache`, ...). */
  what?: string;
}

/** From the layer archives: read only when a waste gate is set or a size gate failed. */
export interface Waste {
  /** Every file byte of every layer. */
  shippedBytes: number;
  /** The bytes of the files that reach the final filesystem. */
  finalBytes: number;
  /** Removed or overwritten bytes plus caches left in a layer. */
  wastedBytes: number;
  /** wastedBytes as a percent of the image size. */
  wastedPercent: number;
  /** finalBytes / shippedBytes, in percent. */
  efficiencyPercent: number;
  /** Largest first, at most 20. */
  wasters: Waster[];
}

/** A grown path of a layer: a folder or a file, and how much it grew against the paired layer. */
export interface GrownPath {
  path: string;
  kind: 'folder' | 'file';
  deltaBytes: number;
}

/** The image under test as the Report shows it (`image`). */
export interface ReportImage {
  ref: string;
  id: string;
  sizeBytes: number;
  user: string;
  pythonVersion?: string;
  uvVersion?: string;
  layers: Layer[];
  dockerfile?: string;
  waste?: Waste;
}

export interface Finding {
  /** A path in the image; for handoff-venvs, the file relative to the project. */
  path: string;
  layer?: { index: number; createdBy: string; dockerfileLine?: number };
  requiredBy?: string[];
  allowedReason?: string;
  version?: string;
  /** handoff-venvs: what is broken in the file, the path it names, why, and the stale prefix. */
  kind?: VenvFindingKind;
  target?: string;
  message?: string;
  stalePrefix?: string;
  /** The line of a file of the user's that the finding is (a template's hook line): a warning is annotated there. */
  source?: { file: string; line?: number };
}

export interface Check {
  id: string;
  status: CheckStatus;
  detail: string;
  found?: Finding[];
}

export interface Phase {
  name: string;
  seconds: number;
  exitCode: number | null;
  timedOut: boolean;
  logTail?: string;
  /** Where a make phase's seconds went, recipe line by recipe line (src/e2e/profile). */
  profile?: PhaseProfile;
  /** The project's git hook that refused a failed push phase's commit or push, as git resolves its path. */
  hook?: { step: 'commit' | 'push'; name: string; file: string };
}

/** What uv printed while one recipe line ran. */
export interface ProfileUv {
  resolveSeconds: number;
  prepared: number;
  prepareSeconds: number;
  installed: number;
  /** Installing, uninstalling included: linking or copying into the venvs. */
  installSeconds: number;
  /** Local packages uv built (`Built NAME @ file://...`). */
  built: string[];
  hardlinkFailed: boolean;
  /** `Bytecode compiled N files in T` (UV_COMPILE_BYTECODE, --compile-bytecode): files and seconds, when uv compiled. */
  compiled?: number;
  compileSeconds?: number;
}

export interface ProfileLine {
  target: string;
  /** The recipe line as make ran it (expanded), nested commands folded in. */
  command: string;
  seconds: number;
  exitCode: number | null;
  /** venv: creates a virtual environment; uv: runs uv; command: anything else (named). */
  kind: 'venv' | 'uv' | 'command';
  /** A short name: `uv pip install`, `python -m framework.codegen`, `ruff format`. */
  name: string;
  uv?: ProfileUv;
}

export type ProfileCategoryId =
  | 'venv'
  | 'resolving'
  | 'preparing'
  | 'installing'
  | 'compiling'
  | 'command'
  | 'make';

export interface ProfileCategory {
  id: ProfileCategoryId;
  /** `code generation`, `formatter`, `git`, ... for commands; the category's own name otherwise. */
  label: string;
  seconds: number;
}

export interface LocalBuild {
  name: string;
  /** Exact when its uv command prepared nothing else; null when shared (see sharedSeconds). */
  seconds: number | null;
  /** The prepare time of the uv command that built it with others. */
  sharedSeconds?: number;
  sharedBy?: number;
  /** Index of the recipe line in `lines`. */
  line: number;
}

export interface PhaseProfile {
  /** The phase's seconds, which the categories and the unexplained remainder add up to. */
  seconds: number;
  lines: ProfileLine[];
  categories: ProfileCategory[];
  /** Seconds no category explains: uv's time outside resolving, preparing and installing, rounding. */
  unexplainedSeconds: number;
  localBuilds: LocalBuild[];
  /**
   * Local packages a cold setup of the same layout built, and whether this one rebuilt or reused
   * each (warm runs and the floor).
   */
  localPackages?: { name: string; state: 'rebuilt' | 'reused' }[];
  /** The recipe line that failed, when the phase failed in one. */
  failedLine?: { index: number; target: string; command: string; exitCode: number | null };
}

/** How a developer worker got the project: a clone of the origin, or a copy of the scaffolder's workspace. */
export type Handoff = 'clone' | 'mount';

export interface E2eRun {
  index: number;
  worker: 'A' | 'B';
  kind: 'cold' | 'warm';
  layout: CacheLayout;
  /** Every run in `runs` is a developer worker's (the scaffolder's are in `e2e.scaffolder`). */
  role?: 'developer';
  handoff?: Handoff;
  /** The uv cache volume it set up on: the layout's, or a further cold run's own (cold-runs). */
  cacheVolume?: string;
  provedState?: ProvedState;
  downloads?: number;
  installs?: number;
  linkMode?: LinkMode;
  uvSummary?: {
    downloaded?: number;
    prepared?: number;
    installed?: number;
    audited?: number;
    /** Seconds uv reports for preparing (fetch, build, unpack) and for installing (link or copy). */
    prepareSeconds?: number;
    installSeconds?: number;
  };
  /** The evidence that decided linkMode, in words. */
  linkModeEvidence?: string;
  /** uv settings the setup ran with that speed-up advice names, each with where it was set (src/e2e/evidence/). */
  uvSettings?: { linkMode?: UvSettingSource; compileBytecode?: UvSettingSource };
  /** The index distributions this run's setup added to the cache (`ruff 0.17.6`), at most 100. */
  newDistributions?: string[];
  phases: Phase[];
}

/** A uv setting and where it was set: the Makefile (no worker variable overrides it), the environment, a uv config file. */
export interface UvSettingSource {
  value: string;
  /** In words: `UV_LINK_MODE in the image`, `--link-mode in Makefile`. */
  source: string;
  from: 'makefile' | 'environment' | 'config-file';
}

/** A uv cache volume as a role's container saw it. */
export interface CacheVolumeFacts {
  /** The volume's name on the engine. */
  name: string;
  /** Where it is mounted, and UV_CACHE_DIR points. */
  mountPoint: string;
  /** The cache folder's owner, read inside the container; null when it could not be read. */
  ownerUid: number | null;
  /** Index distributions in it: the scaffolder's after its setup, the workers' before developer A's setup. */
  entries: number | null;
}

/** The scaffolder's setup, with the evidence a run's setup has. */
export interface ScaffolderSetup {
  seconds: number | null;
  /** It set up on the workers' cache (scaffold-cache shared), where it is the cold run. */
  onWorkersCache: boolean;
  provedState?: ProvedState;
  downloads?: number;
  installs?: number;
  linkMode?: LinkMode;
  linkModeEvidence?: string;
  newDistributions?: string[];
}

/** The scaffolder: scaffold → make setup → the first push with hooks off, as production's. */
export interface ScaffolderReport {
  /** The image it ran (scaffolder-image, else the image under test). */
  image: string;
  /** `root`, or the image's user. */
  user: string;
  uid: number | null;
  /** What ran copier: the image's own (`/usr/local/bin/copier`) or `uvx copier@X.Y.Z`. */
  copier: string;
  /** Where it built the project (and its venvs). */
  workspace: string;
  /** The layout whose developers it served first; with scaffold-cache shared, the one whose cache it used. */
  layout: CacheLayout;
  cacheVolume: CacheVolumeFacts;
  /** The workers' cache volume of that layout, as developer A found it before its setup. */
  workersCacheVolume?: CacheVolumeFacts;
  phases: Phase[];
  setup?: ScaffolderSetup;
  /** Whether developer A's setup was cold, why, and what that cost beside a warm one. */
  firstDeveloper?: {
    cold: boolean;
    because: string;
    setupSeconds?: number;
    warmMedianSeconds?: number;
    costSeconds?: number;
  };
}

/** A bootstrap 95 % interval (src/model/figures/stats.ts). */
export interface Interval {
  low: number;
  high: number;
}

/** Measured seconds as a benchmarking tool reports them; reports before issue 25 carry median, min and max only. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n?: number;
  mean?: number;
  /** The sample standard deviation, from two runs on. */
  sd?: number;
  /** The runs the modified Z-score flags (stats.ts OUTLIER_RULE), in run order. */
  outliers?: number[];
  /** The median's bootstrap 95 % interval, from two runs on. */
  interval?: Interval;
}

export interface LayoutResult {
  layout: CacheLayout;
  linkMode: LinkMode;
  /** The proved cold runs' median (the one cold run's seconds with cold-runs 1). */
  coldSetupSeconds: number | null;
  /** The proved cold runs as the warm ones are reported (reports before cold-runs have none). */
  coldSetup?: Spread & { runs: number[] };
  warmSetupSeconds: (Spread & { runs: number[] }) | null;
  speedup: number | null;
  /** The speed-up's bootstrap 95 % interval, from every proved cold and warm run: only with two of each. */
  speedupInterval?: Interval;
  cacheBytesAfterScaffold: number | null;
  cacheBytesAfterCold: number | null;
  floorSeconds: number | null;
  /** Warm median / floorSeconds: how much of a warm setup is still the cache's to win. */
  floorRatio?: number;
}

/** worker-gate's own time in an e2e run (src/e2e/run/overhead.ts): wall time minus the phases', by stage. */
export interface E2eOverhead {
  wallSeconds: number;
  /** The phases' own time (and the concurrent batch's). */
  phaseSeconds: number;
  ownSeconds: number;
  /** ownSeconds / wallSeconds, in percent. */
  ownPercent: number;
  /** Each stage's seconds: workers, evidence, probes, reaping, clean-up, other (what no stage timed). */
  stages: { stage: string; seconds: number }[];
}

export interface E2eReport {
  template: { source: string; ref: string; data: Record<string, string> };
  runs: E2eRun[];
  layouts: LayoutResult[];
  /** The headline layout's figures, copied. */
  setup: { coldSeconds: number | null; warmSeconds: Spread | null; speedup: number | null } | null;
  /** The layout the headline figures come from (separate when it ran), chosen once; absent when none ran. */
  headlineLayout?: CacheLayout;
  layoutRatio?: number;
  /** worker-gate's own share of the run's wall time. */
  overhead?: E2eOverhead;
  /** The layout ratio's bootstrap 95 % interval, when both layouts have two proved warm runs. */
  layoutRatioInterval?: Interval;
  /** The setups the user expects (expect-cold-setup-seconds, expect-warm-setup-seconds), in seconds: shown, never checked. */
  expected?: { coldSeconds: Interval; warmSeconds: Interval };
  advice?: string;
  /** What would make the warm setup faster, largest saving first (src/e2e/profile/speedups.ts). */
  speedups?: Speedup[];
  uvVersion?: string;
  /** Where copier's uv cache was: a volume of its own (the cold setup starts empty) or the workers' cache. */
  scaffoldCache?: 'own' | 'shared';
  /** The scaffolder role: who scaffolded, on which cache, its phases and its setup. */
  scaffolder?: ScaffolderReport;
  /** How the developer workers got the project. */
  handoff?: Handoff;
  /** The variables --env set (names only: values may be secrets) and --unset-env removed, in every phase. */
  agentEnv?: { set: string[]; unset: string[] };
  /** concurrent-workers: one batch per layout, after its sequential runs; never in the layout medians. */
  concurrent?: ConcurrentBatch[];
  /** --keep: the worker of the failed phase, left on the engine to look inside. */
  kept?: KeptWorker;
  /** handoff mount: the scaffolder's workspace at another path, and whether its venvs work there. */
  handedOver?: HandedOver;
  /** Lines of the generated project that call a forbidden tool by its bare name (project-calls-removed-tool). */
  projectCalls?: ProjectCall[];
}

/** One speed-up the profile advises, with what try-fixes measured of it when asked. */
export interface Speedup {
  kind:
    | 'layout'
    | 'local-rebuilds'
    | 'editable-rebuilds'
    | 'link-mode'
    | 'compile-bytecode'
    | 'uncacheable-commands';
  title: string;
  /** The workers' setting that applies it (`UV_LINK_MODE=copy`), when one does: try-fixes sets it on the fixed side. */
  setting?: string;
  /** The saving: measured when tried and the project still passed, else estimated. */
  seconds: number;
  basis: 'measured' | 'estimated';
  detail: string;
  /** try-fixes applied it to a throwaway copy of the project and measured it (src/e2e/fixes/). */
  tried?: TriedFix;
  /** try-fixes asked for its kind but it was not tried: why. */
  notTried?: string;
}

/** A fix measured against the project as it is, warm setups interleaved in pairs on the same proved-warm cache. */
export interface TriedFix {
  /** The pairs measured (as-is, then fixed), each setup in a fresh worker; 0 when the fix broke the project first. */
  pairs: number;
  /** Fixed minus as-is, per pair: its median (negative: the fix saves) and, from 2 pairs on, its bootstrap 95 % interval; absent when the fix broke the project. */
  changeSeconds?: { median: number; interval?: { low: number; high: number } };
  /** The exact change: a unified diff of the generated project, or the worker's setting. */
  patch: string;
  /** The fixed project failed this phase: no saving is claimed. */
  brokeProject?: { phase: 'setup' | 'lint' | 'test'; exitCode: number | null };
}

/** `handoff mount`: the scaffolder's workspace, venvs included, mounted into a developer worker. */
export interface HandedOver {
  mode: 'mount';
  /** Where the developer worker sees the project (`/workspace`). */
  path: string;
  /** Where the scaffolder built it, venvs included (`/data/workspaces/<id>`). */
  from: string;
  /** handoff-fixup: the command run in the worker after the handoff, before the agent's work. */
  fixup?: string;
  venvs: {
    /** Right after the handoff, before any command of the worker. */
    asHandedOver: VenvCheck;
    /** After the fix-up command, when one was given and ran. */
    afterFixup?: VenvCheck;
  };
}

/** The project's virtual environments, checked in the worker (src/e2e/evidence/scripts/venv-check.py). */
export interface VenvCheck {
  venvs: VenvSummary[];
  /** Every broken reference, venv by venv, at most 40 per venv (each venv's `broken` counts them all). */
  findings: VenvFinding[];
  /** Venvs found past the cap of 20, not checked. */
  venvsNotChecked?: number;
  /** The check could not run or its output could not be read: nothing is known. */
  error?: string;
}

export interface VenvSummary {
  /** Relative to the project folder (`.venv`, `services/api/.venv`). */
  path: string;
  /** `bin/python -c pass` exited 0. */
  pythonOk: boolean;
  /** What was checked: #! scripts in bin/, absolute .pth paths (finder mappings included), file:// direct_url.json, editable top-level names imported. */
  scripts: number;
  pthPaths: number;
  directUrls: number;
  imports: number;
  /** Its findings, those past the cap included. */
  broken: number;
}

export type VenvFindingKind = 'shebang' | 'pth' | 'direct_url' | 'python' | 'import';

/** One broken reference of a venv. */
export interface VenvFinding {
  /** The file that holds it, relative to the project folder (`.venv/bin/ruff`). */
  file: string;
  kind: VenvFindingKind;
  /** The path it names that is not there: the interpreter, the .pth or finder path, the direct_url path, a venv's base Python. */
  path?: string;
  /** Why, for python, import and a `#!/usr/bin/env` command not on PATH. */
  message?: string;
  /** The leading part of path that is not there (src/e2e/evidence/venv-findings.ts, stalePrefixOf). */
  stalePrefix?: string;
  /** Where the file path names is in the worker: replacing stalePrefix with the handoff path repairs it. */
  foundAt?: string;
}

/** A line of the project's Makefile, git hooks or scripts that calls a forbidden tool by its bare name. */
export interface ProjectCall {
  /** Relative to the project's folder: `Makefile`, `.githooks/pre-commit`. */
  file: string;
  line: number;
  /** The tool called: `ruff`. */
  command: string;
  /** The line, trimmed. */
  text: string;
  /**
   * provided: the image has the tool after all; not found: a phase printed `command not found`
   * for it; guarded: the file tests for it first, so the call is skipped where it is absent;
   * not run: no phase is known to have reached it.
   */
  outcome: 'guarded' | 'not found' | 'provided' | 'not run';
  /** With `provided`: the tool's path on the worker's PATH. */
  providedBy?: string;
  /** The template's file the project's file came from (relative to the template), when mapped. */
  templateFile?: string;
  /** The call's line in the template's file, when known. */
  templateLine?: number;
}

/** `Waiting to acquire lock for …` as uv printed it in concurrent setups, per cache entry. */
export interface LockWait {
  /** The locked path, relative to the cache folder when inside it. */
  entry: string;
  workers: number;
  /** From the message to the worker's next line of output: an upper bound of the wait. */
  longestSeconds: number;
}

export interface ConcurrentRun {
  /** 1..N. */
  index: number;
  /** The image this worker ran: the one under test, or the baseline's (a mixed rollout). */
  image: string;
  baseline: boolean;
  /** The batch's proof: all setups together added no index distribution to the cache. */
  provedState?: ProvedState;
  phases: Phase[];
}

export interface ConcurrentBatch {
  layout: CacheLayout;
  workers: number;
  runs: ConcurrentRun[];
  /** Index distributions the N setups added to the cache together (0 proves every one warm). */
  downloads?: number;
  setupSeconds: Spread | null;
  /** The layout's lone warm median, for comparison, and concurrent median / lone median. */
  loneWarmMedianSeconds: number | null;
  contentionRatio: number | null;
  lockWaits: LockWait[];
  /** One more worker set up with UV_OFFLINE=1 afterwards: the cache is intact when it passes with zero downloads. */
  offline?: { passed: boolean; downloads?: number; phases: Phase[] };
}

export interface KeptWorker {
  /** The container's name. */
  container: string;
  volumes: string[];
  /** `docker exec -it -u USER -w DIR CONTAINER sh`: the worker's user, in the failed phase's folder. */
  execCommand: string;
  /** `worker-gate clean --run ID`. */
  cleanCommand: string;
}

export interface Baseline {
  source: 'ref' | 'report' | 'image';
  ref?: string;
  image: { ref: string; sizeBytes: number };
  sizeDeltaBytes: number;
  sizeDeltaPercent: number;
  grownLayers: {
    createdBy: string;
    dockerfileLine?: number;
    deltaBytes: number;
    /** Its index among the image's layers, oldest first. */
    index?: number;
    /** No baseline layer pairs with it (an inserted instruction). */
    new?: boolean;
    /** The baseline instruction it pairs with, when the text differs (an edited line). */
    baselineCreatedBy?: string;
    /** Its largest added or grown paths (top 10), when the layer archives were read. */
    paths?: GrownPath[];
  }[];
  /** Why there are no grown paths (baseline-report: no layer archives to read). */
  pathsNote?: string;
  warmSetupRatio?: number;
  /** The baseline image's uv version (probed, or from the baseline report). */
  uvVersion?: string;
  /** baseline-report: that run's setup figures, shown beside ours, never gated. */
  setup?: { coldSeconds: number | null; warmMedianSeconds: number | null };
}

/** A mount of an audited worker, as the engine reports it. */
export interface AuditMount {
  type: string;
  destination: string;
  /** A volume's name. */
  name?: string;
  /** A bind mount's host path. */
  source?: string;
  /** A volume the engine named itself (64 hex digits): each container gets its own. */
  anonymous?: boolean;
}

/** One live container held against the worker spec (`worker-gate audit`), or a scaffolder beside them. */
export interface AuditContainer {
  id: string;
  name: string;
  /**
   * 'scaffolder': selected by scaffolder-filters, held against the workers' cache
   * (scaffolder-cache-volume) instead of the worker spec. Absent: a worker.
   */
  role?: 'worker' | 'scaffolder';
  /** The reference it was started with, the id it runs, and when that image was built (for image drift across hosts). */
  image: { ref: string; id: string; created?: string };
  /** The user as configured ('' is the engine's default, root). */
  user: string;
  /** The user's uid (the image's /etc/passwd): who owns what the container writes in its cache. */
  uid?: number;
  /** The uv cache directory the user resolves, and from which variable. */
  cacheDir: {
    path: string;
    from: 'UV_CACHE_DIR' | 'XDG_CACHE_HOME' | 'HOME';
    /** With `from: HOME`: where HOME came from. */
    home?: { path: string; from: 'env' | 'passwd' | 'default' };
  };
  /** The mount that holds the cache directory (none: the container's own layer). */
  cacheMount?: AuditMount;
  /** The working directory, taken as the workspace. */
  workspace?: string;
  workspaceMount?: AuditMount;
  checks: Check[];
}

export interface AuditReport {
  /** The engine audited, as the environment names it. */
  engine: string;
  filters: string[];
  /** The filters that selected the scaffolders, when any were given. */
  scaffolderFilters?: string[];
  expectImage?: { ref: string; id: string };
  /** The named volume most audited workers hold their uv cache on. */
  cacheVolume?: string;
  /** baseline-report: what two mounts cost, as an e2e with cache-layout both measured it. */
  layoutCost?: { report: string; separateWarmSeconds: number; sharedWarmSeconds: number; ratio: number };
  containers: AuditContainer[];
}

/** Which builder built the image: BuildKit through `docker buildx`, or the engine's classic builder. */
export type BuildBackend = 'buildkit' | 'classic';

/** One of BuildKit's steps of the Dockerfile: its time and whether it came from the cache. */
export interface BuildStep {
  /** BuildKit's name for it: `[stage-1 2/3] RUN …`. */
  name: string;
  dockerfileLine?: number;
  seconds: number;
  cached: boolean;
}

/** How the image was built (additive: reports of builds only). */
export interface ReportBuild {
  backend: BuildBackend;
  /** Why this backend: the option, or what `auto` found. */
  backendReason: string;
  /** BuildKit's steps; the classic builder reports none. */
  steps: BuildStep[];
  /** The built image's platform as the engine records it (`linux/amd64`): what `platform` asked for, or the engine's own. */
  platform?: string;
}

/** The engine a run used: how it was reached, and who answered (docker info's ID and Name). */
export interface EngineRecord {
  /** `unix:///var/run/docker.sock`, `tcp://host:2375`, `ssh://user@host`: as it was reached. */
  endpoint: string;
  /** The Docker context that named it, when one did. */
  context?: string;
  /** The engine's own ID: two endpoints with one ID and one root folder are one engine. */
  id?: string;
  /** The engine's host name. */
  name?: string;
  /**
   * docker info's DockerRootDir: two daemons on one host report one ID (dockerd 20.10
   * derives it from the host's /etc/docker/key.json), never one root folder.
   */
  rootDir?: string;
}

/** Where a run sits in a matrix: its image, template, ref and data set (a matrix file's names). */
export interface CellCoordinates {
  /** `image+template@ref+data-set`: unique in a matrix; a failure of the merged report is `<id>:<gate>`. */
  id: string;
  image: string;
  template: string;
  ref?: string;
  dataSet?: string;
}

/** A cell's key figures, copied from its report (timings are its own: compared only as ratios). */
export interface CellFigures {
  imageSizeBytes?: number;
  sizeDeltaBytes?: number;
  coldSetupSeconds?: number | null;
  warmSetupSeconds?: number | null;
  speedup?: number | null;
  layoutRatio?: number;
  linkMode?: LinkMode;
}

/** One cell of a merged report: one run's verdict, failures and figures. */
export interface MatrixCell extends CellCoordinates {
  /** The image reference the run tested, and its template as it recorded it. */
  imageRef?: string;
  templateSource?: string;
  data?: Record<string, string>;
  engine?: EngineRecord;
  verdict: Verdict;
  /** The cell's own failures, its gate ids as its report has them. */
  failures: Failure[];
  error?: { message: string; detail?: string };
  figures: CellFigures;
  /** The cache volumes its proved-warm runs set up on (its report's e2e.runs): where its warm figures come from. */
  warmCacheVolumes?: string[];
  /** The report file it was read from, or written to. */
  report?: string;
  /** The same cell in the baseline report (baseline-report), when there is one. */
  baseline?: CellBaseline;
}

export interface CellBaseline {
  /** false: the baseline has no cell of this id (a new cell). */
  found: boolean;
  verdict?: Verdict;
  figures?: CellFigures;
  /** Gate ids that fail now and did not then, and those that failed then and pass now. */
  newFailures: string[];
  fixedFailures: string[];
}

/** `audit --engine …`: one host of the fleet, audited on its own engine. */
export interface AuditHost {
  /** How the fleet's failures name it (`<host>:<gate>`): the Docker context's name, else the endpoint. */
  host: string;
  engine: EngineRecord;
  verdict: Verdict;
  /** The host's own failures, gate ids as a one-engine audit has them. */
  failures: Failure[];
  /** Why the host could not be audited (an engine that did not answer, no worker matched). */
  error?: { message: string; detail?: string };
  audit?: AuditReport;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  command: string;
  startedAt: string;
  durationSeconds: number;
  verdict: Verdict;
  failures: Failure[];
  /** The cause of an `error` verdict: bad input or an infrastructure fault. */
  error?: { message: string; detail?: string };
  image?: ReportImage;
  build?: ReportBuild;
  checks: Check[];
  e2e?: E2eReport;
  baseline?: Baseline;
  audit?: AuditReport;
  /** The engine the run used. */
  engine?: EngineRecord;
  /** A run of one matrix cell: where it sits. */
  cell?: CellCoordinates;
  /** audit over several engines: each host's audit; `checks` holds the rules across hosts. */
  hosts?: AuditHost[];
  /** merge, matrix: every cell, error first, then fail, then pass, each by its own ratios. */
  cells?: MatrixCell[];
}
