// The bundled action fed output of the code under test that holds workflow
// commands (a build step printing ::error::, ::add-mask:: and its own
// ::stop-commands:: with its own resume): read the way the runner reads the
// log, none of the project's commands takes effect, and worker-gate's own
// annotations, mask and outputs after it still do.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Report } from '../../src/model/report.js';
import { engineState, expectEngineState } from '../engine/helpers.js';
import { SLIM_IMAGE } from '../engine/images.js';
import { type ActionRun, runAction } from './run-action.js';

interface Command {
  name: string;
  props: string;
  data: string;
}

/**
 * The commands the runner acts on in a step's log: `::name props::data` lines, except
 * between `::stop-commands::TOKEN` and `::TOKEN::`, where only that resume line counts.
 */
function effectiveCommands(log: string): Command[] {
  const out: Command[] = [];
  let stopped: string | undefined;
  for (const line of log.split(/\r?\n/)) {
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const m = /^::([A-Za-z-]+)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const [, name = '', props = '', data = ''] = m;
    if (name === 'stop-commands') stopped = data;
    else out.push({ name, props: props.trim(), data });
  }
  return out;
}

const FIXTURE = path.join(toolRoot(), 'test', 'fixtures', 'build', 'workflow-commands');
const TOKEN = `ghs_${randomBytes(16).toString('hex')}`;
const API_TOKEN = `api-${randomBytes(12).toString('hex')}`;
let run: ActionRun;
let commands: Command[];

beforeAll(async () => {
  const engine = await connectEngine();
  const slim = await engine.images.inspect(SLIM_IMAGE);
  const before = await engineState(engine);
  run = await runAction({
    dockerfile: path.join(FIXTURE, 'Dockerfile'),
    context: FIXTURE,
    'build-args': `BASE_IMAGE=${slim?.id}\nNONCE=${randomBytes(6).toString('hex')}\nAPI_TOKEN=${API_TOKEN}`,
    tag: 'worker-gate-test/workflow-commands:latest',
    // An image id as the base: the classic builder's (BuildKit would look it up on Docker Hub).
    'build-backend': 'classic',
    'skip-e2e': 'true',
    'github-token': TOKEN,
  });
  commands = effectiveCommands(run.stdout);
  await expectEngineState(engine, before);
}, 600_000);

describe('project output holding workflow commands, in the action', () => {
  test('control: the project printed its commands into the step log', () => {
    for (const line of [
      '::stop-commands::project-token',
      '::error title=forged::forged by the project',
      '::add-mask::worker',
      '::project-token::',
      '::warning::forged after its own resume',
    ]) {
      expect(run.stdout.split('\n')).toContain(line);
    }
  });

  test('none of them takes effect', () => {
    // (worker-gate's own annotation quotes the RUN line, inside its message: that is data, not a command.)
    expect(commands.filter((c) => c.data.startsWith('forged') || c.props === 'title=forged')).toEqual([]);
    expect(commands.filter((c) => c.name === 'add-mask' && c.data === 'worker')).toEqual([]);
  });

  test("worker-gate's own annotations, mask, groups and failure after it still do", () => {
    expect(commands).toContainEqual({ name: 'add-mask', props: '', data: TOKEN });
    const errors = commands.filter((c) => c.name === 'error');
    expect(
      errors.some((c) => /ruff/.test(c.data) && /file=.*workflow-commands\/Dockerfile/.test(c.props)),
    ).toBe(true);
    expect(errors.some((c) => /worker-gate: \d+ gate\(s\) failed/.test(c.data))).toBe(true);
    expect(commands.filter((c) => c.name === 'group').length).toBe(
      commands.filter((c) => c.name === 'endgroup').length,
    );
    // Every fence of worker-gate's is closed again by the end of the step.
    expect(effectiveCommands(`${run.stdout}\n::error::after the step`).at(-1)?.data).toBe('after the step');
  });

  test('the outputs are intact; the token and the secret build argument are in no file', () => {
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'fail' });
    expect(run.outputs['failed-gates']).toContain('forbid-command:ruff');
    expect(run.outputs['image-id']).toMatch(/^sha256:/);
    const text = readFileSync(run.outputs['report-path'] ?? '', 'utf8');
    for (const secret of [TOKEN, API_TOKEN]) {
      expect(text).not.toContain(secret);
      expect(run.summary).not.toContain(secret);
    }
    // The layer history keeps the names of the build arguments a RUN saw, not their values.
    const report = JSON.parse(text) as Report;
    const run8 = report.image?.layers.find((l) => l.createdBy.includes('stop-commands'));
    expect(run8?.createdBy).toMatch(/^\|2 API_TOKEN=\*\*\* NONCE=\*\*\* \/bin\/sh -c /);
  });
});
