// The build: an image that does not build fails the run with the failing
// instruction and its output; nothing else is measured then.
import type { Gate } from './gate.js';

export const BUILD_GATE: Gate = {
  family: 'build',
  checks: [],
  failureRemedies: {
    build:
      'The image did not build: the failing instruction and its output are above; fix that Dockerfile line and push again.',
  },
  judge: (_config, { buildFailure }) => (buildFailure ? { failures: [buildFailure] } : {}),
};
