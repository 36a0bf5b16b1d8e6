// What python-fits-template is judged on (the rule: src/model/python-fit.ts):
// what the scaffolded project asks of the worker's Python (PythonFacts,
// src/model/facts/e2e.ts), read from its files.

import { parse as parseYaml } from 'yaml';

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
