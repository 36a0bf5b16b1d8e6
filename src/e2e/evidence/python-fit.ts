// What python-fits-template is judged on (src/judge/python-fit.ts): what the
// scaffolded project asks of the worker's Python (PythonFacts,
// src/model/facts/e2e.ts), and whether a version meets a requires-python specifier.

import { parse as parseYaml } from 'yaml';
import { parseRequireSpec, satisfies } from '../../config/versions.js';

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
