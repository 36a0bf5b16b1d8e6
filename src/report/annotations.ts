// Annotations: a failed gate and an unpinned image pointed at the Dockerfile
// line behind them, and a warning at the lines of the user's files its findings
// name, so the pull request shows the problem where it was written.
// The action passes each to core.error/core.warning.
import { annotationPlace } from '../judge/registry.js';
import type { Report } from '../model/report.js';
import type { CheckView } from './view/checks.js';
import { buildView, type View } from './view/index.js';

export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
  file?: string;
  line?: number;
}

interface Note {
  level: Annotation['level'];
  gate: string;
  text: string;
  file?: string;
  line?: number;
}

export function annotationsFor(report: Report): Annotation[] {
  return annotationsOf(buildView(report));
}

/**
 * Errors for failed gates that carry a file (or whose check's findings name
 * Dockerfile lines), then warnings for unpinned images. Notes on the same line
 * merge into one annotation: GitHub shows at most 10 errors per step, and one
 * `pip install` line that adds eight forbidden tools is one thing to fix.
 */
export function annotationsOf(view: View): Annotation[] {
  const notes: Note[] = [];
  const dockerfile = view.image?.dockerfile;
  for (const failure of view.failures) {
    const check = view.checks.find((c) => c.id === failure.gate && c.status === 'fail');
    const file = failure.place?.file ?? dockerfile;
    const perLine = check && file ? findingNotes(check, file, 'error') : [];
    if (failure.showsGrowth && file) perLine.push(...grownLayerNotes(view, failure.gate, file));
    if (perLine.length > 0) notes.push(...perLine);
    else if (failure.place)
      notes.push(note('error', failure.gate, failure.message, failure.place.file, failure.place.line));
  }
  // A warning some checks point at as a failure (an unpinned image, with require-pinned-images off).
  for (const check of view.checks) {
    if (check.status !== 'warn' || annotationPlace(check.id) !== 'warnings-too') continue;
    const perLine = dockerfile ? findingNotes(check, dockerfile, 'warning') : [];
    notes.push(...(perLine.length > 0 ? perLine : [note('warning', check.id, check.detail, dockerfile)]));
  }
  // A warning whose findings are lines of the user's files (a template's hook) is shown on each.
  for (const check of view.checks) {
    if (check.status !== 'warn') continue;
    for (const { source } of check.findings)
      if (source) notes.push(note('warning', check.id, check.detail, source.file, source.line));
  }
  return merge(notes);
}

/** One note per Dockerfile line that the check's findings point at. */
function findingNotes(check: CheckView, file: string, level: Note['level']): Note[] {
  const byLine = new Map<number, string[]>();
  for (const finding of check.findings) {
    const line = finding.layer?.line;
    if (!line) continue;
    byLine.set(line, [...(byLine.get(line) ?? []), finding.path]);
  }
  return [...byLine].map(([line, paths]) => {
    const unseen = paths.filter((p) => !check.detail.includes(p));
    const text = unseen.length > 0 ? `${check.detail} (found ${unseen.join(', ')})` : check.detail;
    return note(level, check.id, text, file, line);
  });
}

/** A size increase points at each layer that grew and has a Dockerfile line. */
function grownLayerNotes(view: View, gate: string, file: string): Note[] {
  return (view.baseline?.grown ?? [])
    .filter((l) => l.line)
    .map((l) => note('error', gate, `this layer grew by ${l.change}`, file, l.line));
}

function note(level: Note['level'], gate: string, text: string, file?: string, line?: number): Note {
  const n: Note = { level, gate, text };
  if (file) n.file = file;
  if (line) n.line = line;
  return n;
}

function merge(notes: Note[]): Annotation[] {
  const groups = new Map<string, Note[]>();
  for (const [i, n] of notes.entries()) {
    // Notes with no file stay apart: they point at nothing to share.
    const key = n.file ? `${n.level} ${n.file}:${n.line ?? ''}` : `alone ${i}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as Note;
    const gates = [...new Set(group.map((n) => n.gate))];
    const annotation: Annotation = {
      level: first.level,
      title:
        gates.length === 1
          ? `worker-gate: ${gates[0]}`
          : `worker-gate: ${gates.length} ${first.level === 'error' ? 'gates failed' : 'warnings'} here`,
      message: group.length === 1 ? first.text : group.map((n) => `${n.gate}: ${n.text}`).join('\n'),
    };
    if (first.file) annotation.file = first.file;
    if (first.line) annotation.line = first.line;
    return annotation;
  });
}
