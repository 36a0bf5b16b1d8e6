// project-calls-removed-tool on a real scaffold: a template whose pre-commit hook
// calls bare `ruff` behind `command -v` (so it silently skips formatting where the
// image has no ruff), as real templates do. On the slim image the call is reported
// with the template's file and line, guarded; on an image that has ruff (the fat
// fixture) it is listed as provided and the check passes. The tiny template keeps
// both runs short.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { type CheckedRun, e2eOptions, runE2eChecked } from './e2e-helpers.js';
import { buildFixture } from './helpers.js';
import { SLIM_IMAGE } from './images.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-removed-tools-'));
const template = path.join(root, 'tiny');
const HOOK = `#!/bin/sh
# pre-commit: format with ruff when the image has it
if command -v ruff >/dev/null 2>&1; then
  ruff format --check .
else
  echo "warning: ruff not found, skipping formatting" >&2
fi
`;

let engine: Engine;
beforeAll(async () => {
  engine = await connectEngine();
  cpSync(path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'templates', 'tiny'), template, {
    recursive: true,
  });
  mkdirSync(path.join(template, 'template', '.githooks'));
  writeFileSync(path.join(template, 'template', '.githooks', 'pre-commit'), HOOK, { mode: 0o755 });
  // Its setup points git at the hooks, as the shipped template's does.
  const makefile = path.join(template, 'template', 'Makefile.jinja');
  const text = readFileSync(makefile, 'utf8');
  const patched = text.replace(/^setup:\n/m, 'setup:\n\tgit config core.hooksPath .githooks\n');
  if (patched === text) throw new Error('the tiny template has no setup target to patch');
  writeFileSync(makefile, patched);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const check = (run: CheckedRun) => run.result.checks.find((c) => c.id === 'project-calls-removed-tool');

describe('a hook that calls bare ruff behind command -v', () => {
  test('on the slim image: a warning naming the template file and line, guarded; the hook ran and skipped', async () => {
    const run = await runE2eChecked(engine, SLIM_IMAGE, e2eOptions({ template, 'warm-runs': '1' }));
    expect(run.exitCode).toBe(0);
    expect(check(run)?.status).toBe('warn');
    expect(check(run)?.detail).toContain('`template/.githooks/pre-commit:4` calls ruff, guarded');
    expect(run.result.e2e.projectCalls).toEqual([
      expect.objectContaining({
        file: '.githooks/pre-commit',
        line: 4,
        command: 'ruff',
        outcome: 'guarded',
        templateFile: 'template/.githooks/pre-commit',
        templateLine: 4,
      }),
    ]);
    expect(check(run)?.found).toEqual([
      {
        path: 'template/.githooks/pre-commit:4',
        source: { file: path.join(template, 'template', '.githooks', 'pre-commit'), line: 4 },
      },
    ]);
  });

  test('on an image that has ruff: listed as provided by its path, and the check passes', async () => {
    const fat = await buildFixture(engine, 'fat');
    const run = await runE2eChecked(engine, fat.ref, e2eOptions({ template, 'warm-runs': '1' }));
    expect(check(run)?.status).toBe('pass');
    expect(run.result.e2e.projectCalls?.[0]).toMatchObject({
      file: '.githooks/pre-commit',
      outcome: 'provided',
      providedBy: '/usr/local/bin/ruff',
    });
  });
});
