// What python-fits-template is judged on (src/judge/python-fit.ts): the
// worker's Python, what the scaffolded project asks of it, and whether a version
// meets a requires-python specifier.

import { parse as parseYaml } from 'yaml';
import { parseRequireSpec, satisfies } from '../config/versions.js';

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
