// Builds the shipped slim image once, through our own build stage, for every
// engine test file. Fails fast with what to run when the stand-ins are missing.
// First it sweeps what runs whose process is gone left on the engine (a test
// run killed midway, say): tests compare the engine before and after, and
// `clean --all` rightly removes such leftovers, so they must not be there.

import path from 'node:path';
import { buildImage } from '../../src/build/build.js';
import { shippedDockerfile } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import { silentLog } from '../../src/model/log.js';
import { countRemoved, sweep } from '../../src/run/cleanup.js';
import { SLIM_IMAGE, STANDIN_PYTHON, STANDIN_PYTHON_313, STANDIN_UV, standinBuildArgs } from './images.js';
import { runProcess } from './run-process.js';

export default async function setup(): Promise<void> {
  const engine = await connectEngine();
  const swept = await sweep(engine, { all: true }, { runProcess });
  if (swept.removed.length > 0) {
    console.log(`engine tests: removed what ended runs left: ${countRemoved(swept.removed)}`);
  }
  for (const ref of [STANDIN_PYTHON, STANDIN_PYTHON_313, STANDIN_UV]) {
    if (!(await engine.images.inspect(ref))) {
      throw new Error(`stand-in image ${ref} is missing: run scripts/build-standins.sh (or bash .ci/run)`);
    }
  }
  const dockerfile = shippedDockerfile();
  const result = await buildImage(
    engine,
    {
      dockerfile,
      context: path.dirname(dockerfile),
      tag: SLIM_IMAGE,
      buildArgs: standinBuildArgs,
      labels: {},
      runProcess,
    },
    silentLog,
  );
  if (!result.ok) throw new Error(`the shipped slim image does not build: ${result.failure.message}`);
}
