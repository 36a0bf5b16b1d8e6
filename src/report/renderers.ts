// The renderers the front doors use: files, action outputs, annotations.
import type { Renderers } from './files.js';
import type { Report } from './types.js';

export const renderers: Renderers = {};

export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
  file?: string;
  line?: number;
}

/** Every action output, always set: empty when a stage did not produce it. */
export function actionOutputs(report: Report, reportPath: string): Record<string, string> {
  const num = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));
  return {
    verdict: report.verdict,
    'report-path': reportPath,
    'image-id': report.image?.id ?? '',
    'image-size-bytes': num(report.image?.sizeBytes),
    'cold-setup-seconds': num(report.e2e?.setup?.coldSeconds),
    'warm-setup-seconds': num(report.e2e?.setup?.warmSeconds?.median),
    'setup-speedup': num(report.e2e?.setup?.speedup),
  };
}

export function annotationsFor(report: Report): Annotation[] {
  return report.failures
    .filter((f) => f.file)
    .map((f) => ({
      level: 'error' as const,
      title: `worker-gate: ${f.gate}`,
      message: f.message,
      ...(f.file ? { file: f.file } : {}),
      ...(f.line ? { line: f.line } : {}),
    }));
}
