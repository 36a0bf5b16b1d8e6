// What the stages measured, handed to the judge: each part is present when
// its stage ran. Stages fill these and decide nothing; the judge reads them
// and touches nothing.

import type { Command } from './command.js';
import type { MeasuredBaseline } from './facts/baseline.js';
import type { ContractMeasurements } from './facts/contract.js';
import type { E2eFacts } from './facts/e2e.js';
import type { E2eReport, Failure, ReportBuild, ReportImage } from './report.js';

export interface Measurements {
  command: Command;
  /** The image under test, as the Report shows it. */
  image?: ReportImage;
  /** How the image was built, when this run built it. */
  build?: ReportBuild;
  /** What the image is compared with, and what was measured on it. */
  baseline?: MeasuredBaseline;
  /** The end to end's recorded runs and layout figures. */
  e2e?: E2eReport;
  // Each judge helper adds the measurements its gates need here (contract probes, template upload, ...).
  /** The build's failure, when the image did not build. */
  buildFailure?: Failure;
  /** The image contract's probes, and the layers it read for what failed. */
  contract?: ContractMeasurements;
  /** What the e2e gates judge besides the report: the template upload, the Python fit, uv's agreement, the failed phases. */
  e2eFacts?: E2eFacts;
}
