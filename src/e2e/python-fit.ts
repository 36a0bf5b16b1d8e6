// python-fits-template: the worker's Python satisfies every requires-python of
// the scaffolded project and has the minor version the template asks for when
// it names one. A newer Python is not harmless: a lock file's pins may break on it.

import { parse as parseYaml } from 'yaml';
import { parseRequireSpec, satisfies } from '../config/versions.js';
import type { Check } from '../report/types.js';

/** What the end to end read for this check: the worker's Python and what the scaffolded project asks. */
export interface PythonFacts {
  /** The worker's Python (`3.12.1`); absent when it has no python3 on PATH (then nothing else is read). */
  python?: string;
  /** What the project asks, when its files could be read. */
  ask?: PythonAsk;
  /** Why they could not be read, when they could not. */
  unreadable?: string;
}

export interface PythonAsk {
  /** `services/orders/pyproject.toml` → `>=3.12`. */
  requiresPython: { file: string; spec: string }[];
  /** The minor the template asks for (`3.12`) and where it says so. */
  minor?: { version: string; source: string };
}

/** `requires-python = ">=3.12"` in a pyproject.toml's [project] table. */
export function requiresPythonOf(pyproject: string): string | undefined {
  const table = /^\s*\[project\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(pyproject);
  const match = /^\s*requires-python\s*=\s*["']([^"']+)["']/m.exec(table?.[1] ?? '');
  return match?.[1]?.trim();
}

// Copier answers that name a Python version: python_version, python, py_version, ...
const PYTHON_KEY = /^(?:python|py)(?:_?version)?$/i;

/** The X.Y of the first answer that names a Python version, from .copier-answers.yml (or copier.yml defaults). */
export function pythonMinorOf(
  answers: Record<string, unknown>,
): { key: string; version: string } | undefined {
  for (const [key, value] of Object.entries(answers)) {
    if (!PYTHON_KEY.test(key)) continue;
    const raw =
      typeof value === 'object' && value !== null ? (value as { default?: unknown }).default : value;
    const match = /^\s*(\d+)\.(\d+)/.exec(String(raw ?? ''));
    if (match) return { key, version: `${match[1]}.${match[2]}` };
  }
  return undefined;
}

export function readYamlRecord(text: string): Record<string, unknown> {
  try {
    const value: unknown = parseYaml(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Whether `version` (3.12.1) meets a PEP 440 specifier set (`>=3.12,<4`); undefined when we cannot read it. */
export function meetsSpecifier(version: string, spec: string): boolean | undefined {
  const compact = spec.replace(/\s+/g, '');
  if (!/^(?:~=|==|!=|>=|<=|>|<)/.test(compact)) return undefined;
  try {
    return satisfies(version, parseRequireSpec(`python${compact}`));
  } catch {
    return undefined;
  }
}

/** The check from what was read: no python3 fails, unreadable requirements warn, else the fit itself. */
export function pythonFit(facts: PythonFacts, allowMismatch: boolean): Check {
  if (!facts.python) {
    return {
      id: 'python-fits-template',
      status: 'fail',
      detail: 'the worker has no python3 on PATH to run the project',
    };
  }
  if (!facts.ask) {
    return {
      id: 'python-fits-template',
      status: 'warn',
      detail: `cannot read the project's Python requirements: ${facts.unreadable ?? 'nothing read'}`,
    };
  }
  return pythonFitCheck(facts.python, facts.ask, allowMismatch);
}

export function pythonFitCheck(python: string, ask: PythonAsk, allowMismatch: boolean): Check {
  const problems: string[] = [];
  const unread: string[] = [];
  for (const { file, spec } of ask.requiresPython) {
    const meets = meetsSpecifier(python, spec);
    if (meets === undefined) unread.push(`${file} (requires-python "${spec}")`);
    else if (!meets) problems.push(`${file} requires-python "${spec}"`);
  }
  if (ask.minor) {
    const minor = /^(\d+\.\d+)/.exec(python)?.[1];
    if (minor !== ask.minor.version)
      problems.push(`${ask.minor.source} asks for Python ${ask.minor.version}`);
  }
  const asked = [
    ...ask.requiresPython.map((r) => `requires-python "${r.spec}" (${r.file})`),
    ...(ask.minor ? [`Python ${ask.minor.version} (${ask.minor.source})`] : []),
  ];
  const note = unread.length > 0 ? `; could not read ${unread.join(', ')}` : '';
  if (problems.length === 0) {
    const what = asked.length > 0 ? `fits ${asked.join(', ')}` : 'fits: the project names no Python version';
    return {
      id: 'python-fits-template',
      status: 'pass',
      detail: `the worker's Python ${python} ${what}${note}`,
    };
  }
  const detail =
    `the worker's Python ${python} does not fit the template: ${problems.join('; ')}${note}` +
    (allowMismatch
      ? ' (allowed by allow-python-mismatch)'
      : '; build the image on that Python, or set allow-python-mismatch');
  return { id: 'python-fits-template', status: allowMismatch ? 'warn' : 'fail', detail };
}
