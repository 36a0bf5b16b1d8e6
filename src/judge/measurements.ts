// What the stages measured, handed to the judge: each part is present when
// its stage ran. Stages fill these and decide nothing; the judge reads them
// and touches nothing.
import type { E2eFacts } from '../e2e/run-e2e.js';
import type { Command } from '../report/report.js';
import type { Baseline, E2eReport, ImageInfo } from '../report/types.js';

export interface Measurements {
  command: Command;
  /** The image under test, as the Report shows it. */
  image?: ImageInfo;
  /** What the image is compared with, and how it compares. */
  baseline?: Baseline;
  /** The end to end's recorded runs and layout figures. */
  e2e?: E2eReport;
  /** What the e2e gates judge besides the report: the template upload, the Python fit, uv's agreement, the failed phases. */
  e2eFacts?: E2eFacts;
  // Each judge helper adds the measurements its gates need here (contract probes, template upload, ...).
}
