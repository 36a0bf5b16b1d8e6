// The rule of python-fits-template, on what the end to end read
// (PythonFacts): the worker's Python satisfies every requires-python of the
// scaffolded project and has the minor version the template asks for when it
// names one. A newer Python is not harmless: a lock file's pins may break on it.
// allow-python-mismatch makes it a warning. Two read it: the scenario, to stop
// before a setup that cannot fit, and the gate (src/judge/python-fit.ts), which
// reports it in the same words.
import type { PythonAsk, PythonFacts } from './facts/e2e.js';
import type { CheckStatus } from './report.js';
import { parseRequireSpec, satisfies } from './versions.js';

export interface PythonFit {
  status: CheckStatus;
  detail: string;
}

/** The fit from what was read: no python3 fails, unreadable requirements warn, else the fit itself. */
export function pythonFit(facts: PythonFacts, allowMismatch: boolean): PythonFit {
  if (!facts.python)
    return { status: 'fail', detail: 'the worker has no python3 on PATH to run the project' };
  if (!facts.ask) {
    return {
      status: 'warn',
      detail: `cannot read the project's Python requirements: ${facts.unreadable ?? 'nothing read'}`,
    };
  }
  return askedFit(facts.python, facts.ask, allowMismatch);
}

function askedFit(python: string, ask: PythonAsk, allowMismatch: boolean): PythonFit {
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
    return { status: 'pass', detail: `the worker's Python ${python} ${what}${note}` };
  }
  const detail =
    `the worker's Python ${python} does not fit the template: ${problems.join('; ')}${note}` +
    (allowMismatch
      ? ' (allowed by allow-python-mismatch)'
      : '; build the image on that Python, or set allow-python-mismatch');
  return { status: allowMismatch ? 'warn' : 'fail', detail };
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
