// python-fits-template: the worker's Python against what the scaffolded
// project asks (the rule is e2e/python-fit.ts, which the scenario also reads to
// stop before a setup that cannot fit). allow-python-mismatch makes it a warning.
import { pythonFit } from '../e2e/python-fit.js';
import type { Gate } from './gate.js';

export const PYTHON_FITS_TEMPLATE: Gate = {
  family: 'python-fits-template',
  ids: [{ id: 'python-fits-template', stage: 'e2e', off: 'set allow-python-mismatch to make it a warning' }],
  remedies: {
    'python-fits-template':
      'Build the image on the Python the template asks for (e.g. the `PYTHON_IMAGE` build argument), or set `allow-python-mismatch` if you accept the risk.',
  },
  judge(config, { e2eFacts }) {
    const python = e2eFacts?.python;
    return python ? { checks: [{ check: pythonFit(python, config.allowPythonMismatch) }] } : {};
  },
};
