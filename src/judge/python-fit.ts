// python-fits-template: the worker's Python satisfies every requires-python of
// the scaffolded project and has the minor version the template asks for when
// it names one. A newer Python is not harmless: a lock file's pins may break on
// it. allow-python-mismatch makes it a warning. The second loop back from a stage
// to the judge: the scenario asks pythonFit to stop before a setup that cannot fit.
import { meetsSpecifier } from '../e2e/evidence/python-fit.js';
import type { PythonAsk, PythonFacts } from '../model/facts/e2e.js';
import type { Check } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';

const CHECK: GateCheck = {
  id: 'python-fits-template',
  stage: 'e2e',
  off: 'set allow-python-mismatch to make it a warning',
  remedy:
    'Build the image on the Python the template asks for (e.g. the `PYTHON_IMAGE` build argument), or set `allow-python-mismatch` if you accept the risk.',
  explain: (config) =>
    `the image's Python fits the template's requires-python (${config.allowPythonMismatch ? 'warns' : 'fails'})`,
};

export const PYTHON_FITS_TEMPLATE: Gate = {
  family: CHECK.id,
  checks: [CHECK],
  judge(config, { e2eFacts }) {
    const python = e2eFacts?.python;
    return python ? { checks: [{ check: pythonFit(python, config.allowPythonMismatch) }] } : {};
  },
};

/** The check from what was read: no python3 fails, unreadable requirements warn, else the fit itself. */
export function pythonFit(facts: PythonFacts, allowMismatch: boolean): Check {
  if (!facts.python) {
    return {
      id: CHECK.id,
      status: 'fail',
      detail: 'the worker has no python3 on PATH to run the project',
    };
  }
  if (!facts.ask) {
    return {
      id: CHECK.id,
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
      id: CHECK.id,
      status: 'pass',
      detail: `the worker's Python ${python} ${what}${note}`,
    };
  }
  const detail =
    `the worker's Python ${python} does not fit the template: ${problems.join('; ')}${note}` +
    (allowMismatch
      ? ' (allowed by allow-python-mismatch)'
      : '; build the image on that Python, or set allow-python-mismatch');
  return { id: CHECK.id, status: allowMismatch ? 'warn' : 'fail', detail };
}
