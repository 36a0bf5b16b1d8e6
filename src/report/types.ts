// The one Report that every command produces (design.md, "JSON report").
// Renderers (outputs, summary, JSON, JUnit, HTML) only read it.

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

export interface ImageInfo {
  ref: string;
  id: string;
  sizeBytes: number;
  user: string;
  pythonVersion?: string;
  uvVersion?: string;
  layers: Layer[];
  dockerfile?: string;
}

export interface Finding {
  path: string;
  layer?: { index: number; createdBy: string; dockerfileLine?: number };
  requiredBy?: string[];
  allowedReason?: string;
  version?: string;
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
}

export interface E2eRun {
  index: number;
  worker: 'A' | 'B';
  kind: 'cold' | 'warm';
  layout: CacheLayout;
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
  /** The index distributions this run's setup added to the cache (`ruff 0.17.6`), at most 100. */
  newDistributions?: string[];
  phases: Phase[];
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface LayoutResult {
  layout: CacheLayout;
  linkMode: LinkMode;
  coldSetupSeconds: number | null;
  warmSetupSeconds: (Spread & { runs: number[] }) | null;
  speedup: number | null;
  cacheBytesAfterScaffold: number | null;
  cacheBytesAfterCold: number | null;
  floorSeconds: number | null;
  /** Warm median / floorSeconds: how much of a warm setup is still the cache's to win. */
  floorRatio?: number;
}

export interface E2eReport {
  template: { source: string; ref: string; data: Record<string, string> };
  runs: E2eRun[];
  layouts: LayoutResult[];
  setup: { coldSeconds: number | null; warmSeconds: Spread | null; speedup: number | null } | null;
  layoutRatio?: number;
  advice?: string;
  uvVersion?: string;
  /** --keep: the worker of the failed phase, left on the engine to look inside. */
  kept?: KeptWorker;
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
  grownLayers: { createdBy: string; dockerfileLine?: number; deltaBytes: number }[];
  warmSetupRatio?: number;
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

/** One live container held against the worker spec (`worker-gate audit`). */
export interface AuditContainer {
  id: string;
  name: string;
  /** The reference it was started with, and the id it runs. */
  image: { ref: string; id: string };
  /** The user as configured ('' is the engine's default, root). */
  user: string;
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
  expectImage?: { ref: string; id: string };
  /** The named volume most audited workers hold their uv cache on. */
  cacheVolume?: string;
  /** baseline-report: what two mounts cost, as an e2e with cache-layout both measured it. */
  layoutCost?: { report: string; separateWarmSeconds: number; sharedWarmSeconds: number; ratio: number };
  containers: AuditContainer[];
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
  image?: ImageInfo;
  checks: Check[];
  e2e?: E2eReport;
  baseline?: Baseline;
  audit?: AuditReport;
}
