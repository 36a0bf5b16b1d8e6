// python-fits-template: the worker's Python against what the scaffolded project
// asks of it. The rule is the model's (src/model/python-fit.ts), which the
// scenario also reads to stop before a setup that cannot fit; the gate reports it.
import { pythonFit } from '../model/python-fit.js';
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
    if (!python) return {};
    return {
      checks: [{ check: { id: 'python-fits-template', ...pythonFit(python, config.allowPythonMismatch) } }],
    };
  },
};
