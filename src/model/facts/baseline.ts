// The baseline as the run measured it, from whichever of its three sources
// (baseline-image, baseline-ref, baseline-report): src/baseline/ and the
// contract fill it, the regression and uv-version gates read it.
import type { Baseline, Layer } from '../report.js';

/** What the image is compared with: its size and layers, and where they came from. */
export interface BaselineImage {
  source: Baseline['source'];
  /** The git ref (source `ref`) or the report file (source `report`). */
  origin?: string;
  ref: string;
  sizeBytes: number;
  layers: Layer[];
}

/** The baseline and what this run measured on it; each part is set by the step that measures it. */
export interface MeasuredBaseline {
  image: BaselineImage;
  /** How the image under test compares, with the paths that grew when they were read (the contract). */
  compared?: Baseline;
  /** uv's version in the baseline image (probed, or from baseline-report), for uv-version-change. */
  uvVersion?: string;
  /** max-warm-setup-regression: the same end to end on the baseline image, in this run. */
  warmRun?: { medianSeconds?: number | undefined; runs?: number[] };
  /** baseline-report: that run's setup figures, shown beside this run's, never gated. */
  setup?: { coldSeconds: number | null; warmMedianSeconds: number | null };
}
