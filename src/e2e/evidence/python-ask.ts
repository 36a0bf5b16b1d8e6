// What the scaffolded project asks of the workers' Python, read in the scaffolder (same image) or developer A
// right after the scaffold: every requires-python of its pyproject.toml files,
// and the minor version its copier answers (or the template's defaults) name.

import type { PythonAsk, PythonFacts } from '../../model/facts/e2e.js';
import type { Worker } from '../worker/worker.js';
import { type EvidenceOutcome, gatherEvidence } from './evidence.js';
import { pythonMinorOf, readYamlRecord, requiresPythonOf } from './python-fit.js';

/** `python` is the worker's (the probe's); without one nothing is read. `copierYml`: the template's copier.yml. */
export async function readPythonFacts(
  worker: Worker,
  project: string,
  python: string | undefined,
  copierYml: string | undefined,
): Promise<PythonFacts> {
  if (!python) return {};
  return pythonFactsOf(await gatherEvidence(worker, { ask: project }), python, copierYml);
}

/** What evidence.py's `ask` read, as the facts; `python`: the workers' version. */
export function pythonFactsOf(
  evidence: EvidenceOutcome,
  python: string,
  copierYml: string | undefined,
): PythonFacts {
  const files = evidence.ok ? evidence.value.ask : undefined;
  if (!files) return { python, unreadable: evidence.ok ? 'nothing read' : evidence.why };
  const ask: PythonAsk = { requiresPython: [] };
  for (const { file, text } of files.pyprojects) {
    const spec = requiresPythonOf(text);
    if (spec) ask.requiresPython.push({ file, spec });
  }
  for (const { file, text } of files.answers) {
    const minor = pythonMinorOf(readYamlRecord(text));
    if (minor) {
      ask.minor = { version: minor.version, source: `${file} ${minor.key}` };
      break;
    }
  }
  if (!ask.minor && copierYml) {
    const minor = pythonMinorOf(readYamlRecord(copierYml));
    if (minor) ask.minor = { version: minor.version, source: `the template's ${minor.key} default` };
  }
  return { python, ask };
}
