// The Report's `image` from the engine's facts: layers oldest first, each with
// the Dockerfile line that made it when the Dockerfile is known.

import type { InspectedImage } from '../model/facts/image.js';
import type { Layer, ReportImage } from '../model/report.js';
import { historyLines } from './dockerfile.js';

export function toReportImage(
  ref: string,
  facts: InspectedImage,
  dockerfile?: { path: string; text: string; target?: string },
): ReportImage {
  const lines = dockerfile
    ? historyLines(
        facts.history.map((h) => h.createdBy),
        dockerfile.text,
        dockerfile.target,
      )
    : [];
  const layers: Layer[] = facts.history
    .map((h, i): Layer => {
      const line = lines[i];
      return line ? { createdBy: h.createdBy, sizeBytes: h.sizeBytes, dockerfileLine: line } : h;
    })
    .reverse();
  const info: ReportImage = { ref, id: facts.id, sizeBytes: facts.sizeBytes, user: facts.user, layers };
  if (dockerfile) info.dockerfile = dockerfile.path;
  return info;
}

/** The largest layers, biggest first. */
export function largestLayers(layers: Layer[], count = 5): Layer[] {
  return [...layers].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, count);
}
