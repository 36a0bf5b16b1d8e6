// What the contract stage's probe plan reads of Config, and what the stage measures.
import type { RequireSpec } from '../../config/versions.js';
import type { VolumeProbe } from '../../contract/cache-dir.js';
import type { Attribution } from '../../contract/layer-attribution.js';
import type { ProbeViews } from '../../contract/probe-container.js';
import type { InspectedImage } from '../../docker/images.js';
import type { Layer, Waste } from '../report.js';

/** What the probe plan reads of Config (src/config); the gates' limits are the judge's. */
export interface ContractOptions {
  require: readonly RequireSpec[];
  forbidCommands: readonly string[];
  /** Check ids (`non-root-user`, `forbid-command:ruff`) or whole families (`forbid-command`). */
  skipChecks: readonly string[];
}

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
