// The renderers the front doors write files with.
import type { Renderers } from './files.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderSummary } from './summary.js';

export { type Annotation, annotationsFor } from './annotations.js';
export { actionOutputs, OUTPUT_NAMES } from './outputs.js';

export const renderers: Required<Renderers> = {
  summary: renderSummary,
  junit: renderJunit,
  html: renderHtml,
};
