// Writes every file the user asked for from the one Report. A run that ended
// in an error writes them too, with verdict `error` and its cause.

import type { Report } from '../model/report.js';
import { renderJson, writeTextFile } from './json.js';

export interface ReportFiles {
  report?: string;
  summaryFile?: string;
  junit?: string;
  html?: string;
}

export interface Renderers {
  summary?: (report: Report) => string;
  junit?: (report: Report) => string;
  html?: (report: Report) => string;
}

/** Returns the paths written. */
export function writeReportFiles(report: Report, files: ReportFiles, renderers: Renderers): string[] {
  const written: string[] = [];
  const write = (file: string | undefined, render: ((r: Report) => string) | undefined): void => {
    if (!file || !render) return;
    writeTextFile(file, render(report));
    written.push(file);
  };
  write(files.report, renderJson);
  write(files.summaryFile, renderers.summary);
  write(files.junit, renderers.junit);
  write(files.html, renderers.html);
  return written;
}
