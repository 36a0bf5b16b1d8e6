// What the contract stage measured, for the contract's gates (src/judge/): the
// probes' two views, the cache volume, which layer added what, the waste. The
// stage's code that produces each (src/contract/) reads and parses; these are
// only the shapes, so the judge and the Measurements depend down on them.
import type { Layer, Waste } from '../report.js';
import type { InspectedImage } from './image.js';

export interface DockerfileSource {
  path: string;
  text: string;
  buildArgs: Record<string, string>;
}

/** What the contract stage measured, for the contract's gates (src/judge). */
export interface ContractMeasurements {
  /** The engine's facts of the image: its user, environment and size. */
  facts: InspectedImage;
  /** ReportImage.layers: oldest first, with Dockerfile lines when known. */
  layers: readonly Layer[];
  /** The Dockerfile, its path as messages show it (relative to the working folder). */
  dockerfile?: DockerfileSource;
  /** What the probes printed as the image's user and as root. */
  views: ProbeViews;
  /** The cache folder under a fresh volume; absent when cache-dir-writable is skipped. */
  volume?: VolumeProbe;
  /** Which layer added each path the failed drafts name (src/judge/draft.ts). */
  attribution: Attribution;
  /** Read from the layer archives when a waste gate is set or a size gate failed. */
  waste?: Waste;
}

/** What the probes printed as the image's user and as root (src/contract/probe-container.ts). */
export interface ProbeViews {
  user: ViewOutput;
  root: ViewOutput;
}

// What one view of the probe printed (src/contract/probe-output.ts reads it).
export type SiteKind = 'global' | 'user' | 'venv';

export interface VersionProbe {
  name: string;
  path: string;
  exitCode: number;
  output: string;
}

export interface SiteDir {
  kind: SiteKind;
  path: string;
  /** The virtual environment's root, for kind `venv`. */
  venv?: string;
}

export interface MetadataFile {
  /** METADATA, PKG-INFO or a bare .egg-info file. */
  file: string;
  site: SiteDir;
  /** The header lines, up to the first blank line. */
  headers: string[];
  /** An egg-info's requires.txt, when it has one. */
  requiresTxt?: string[];
}

export interface CacheDirState {
  path: string;
  present: boolean;
  /** As `ls -ln` prints them: mode string, owner uid and gid. */
  mode?: string;
  uid?: number;
  gid?: number;
}

export interface ViewOutput {
  identity?: { uid: number; gid: number; home: string };
  /** The variables of uv's cache folder rule that are set in this view (cache-env). */
  env: Record<string, string>;
  cacheDir?: CacheDirState;
  versions: VersionProbe[];
  missing: string[];
  /** `command -v` results: command name → what it resolved to. */
  resolved: Map<string, string>;
  /** Forbidden names found as executables in the image config's PATH dirs. */
  executables: { name: string; path: string }[];
  sites: SiteDir[];
  metadata: MetadataFile[];
  /** The script reached its end: a probe that stops early is an error, not a pass. */
  complete: boolean;
}

/** cache-dir-writable: a file created and deleted in a fresh volume (src/contract/cache-dir.ts). */
export type WriteOutcome = 'ok' | 'cannot-create' | 'cannot-delete';

export interface VolumeProbe {
  dir: string;
  outcome: WriteOutcome;
  uid?: number;
  /** The mounted folder as the worker saw it. */
  mode?: string;
  ownerUid?: number;
  ownerGid?: number;
}

/** Which layer added a path, from the layers' contents (src/contract/layer-attribution.ts). */
export interface Attribution {
  /** Path → index (oldest first) into the image's history. */
  indexOf: Map<string, number>;
  historyLength: number;
}

/** What the probes look at for the contract gates that are on, beyond what every run probes (the gates declare it). */
export interface ProbeNeeds {
  /** Commands whose path and `--version` the image's user must get. */
  require: readonly string[];
  /** Commands looked for as the user, as root and in the image's PATH. */
  forbidCommands: readonly string[];
  /** A fresh volume at the uv cache folder, written as the image's user. */
  cacheVolume: boolean;
}
