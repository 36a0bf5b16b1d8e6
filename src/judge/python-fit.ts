// python-fits-template: the worker's Python against what the scaffolded project
// asks of it. The rule is the model's (src/model/python-fit.ts), which the
// scenario also reads to stop before a setup that cannot fit; the gate reports it.
import { pythonFit } from '../model/python-fit.js';
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
    return python
      ? { checks: [{ check: { id: CHECK.id, ...pythonFit(python, config.allowPythonMismatch) } }] }
      : {};
  },
};
