// The bundled action run as GitHub runs it, for a passing and a failing image:
// the outputs file, the job summary, the annotations printed, the exit status.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import type { Report } from '../../src/model/report.js';
import { validateReport } from '../../src/model/report-schema.js';
import { OUTPUT_NAMES } from '../../src/report/outputs.js';
import { buildFixture, engineState, expectEngineState, FIXTURE_IMAGES } from '../engine/helpers.js';
import { SLIM_IMAGE } from '../engine/images.js';
import { runAction } from './run-action.js';

let engine: Engine;
beforeAll(async () => {
  engine = await connectEngine();
});

function reportOf(file: string | undefined): Report {
  const report = JSON.parse(readFileSync(file ?? '', 'utf8')) as Report;
  expect(validateReport(report)).toEqual([]);
  return report;
}

describe('the action on a passing image', () => {
  test('sets every output from the measured run, writes the summary and exits 0', async () => {
    const before = await engineState(engine);
    const run = await runAction({
      image: SLIM_IMAGE,
      'warm-runs': '1',
      junit: 'out/junit.xml',
      html: 'out/report.html',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const facts = await engine.images.inspect(SLIM_IMAGE);
    expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(run.outputs).toMatchObject({ verdict: 'pass', failures: '0', 'image-id': facts?.id });
    const report = reportOf(run.outputs['report-path']);
    expect(Number(run.outputs['cold-setup-seconds'])).toBe(report.e2e?.setup?.coldSeconds);
    expect(Number(run.outputs['warm-setup-seconds'])).toBe(report.e2e?.setup?.warmSeconds?.median);
    expect(run.outputs['setup-speedup']).not.toBe('');
    expect(run.summary).toContain('worker-gate: pass');
    expect(run.summary).toContain('xychart-beta');
    expect(run.stdout).not.toMatch(/^::error/m);
    // junit and html are paths in the user's workspace.
    expect(existsSync(path.join(run.workspace, 'out', 'junit.xml'))).toBe(true);
    expect(existsSync(path.join(run.workspace, 'out', 'report.html'))).toBe(true);
    await expectEngineState(engine, before);
  });
});

describe('the action on a failing image', () => {
  test('annotates the Dockerfile line that installed the tools, fails the step with 1 and still sets the outputs', async () => {
    const fat = await buildFixture(engine, 'fat');
    const before = await engineState(engine);
    const dockerfile = path.join(FIXTURE_IMAGES, 'fat', 'Dockerfile');
    const run = await runAction({ image: fat.ref, dockerfile, 'skip-e2e': 'true' });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    expect(Number(run.outputs.failures)).toBeGreaterThanOrEqual(14);
    expect(run.outputs['failed-gates']).toContain('forbid-package:pytest');
    expect(run.outputs['cold-setup-seconds']).toBe('');
    expect(run.outputs['image-id']).toBe(fat.image.id);
    // The pip RUN is line 8 of the fixture; GitHub gets the file relative to the workspace or absolute.
    expect(run.stdout).toMatch(/^::error [^\n]*file=[^,\n]*fat\/Dockerfile,line=8[^\n]*::/m);
    expect(run.stdout).toMatch(/::error::worker-gate: \d+ gate\(s\) failed/);
    expect(run.summary).toContain('worker-gate: fail');
    expect(run.summary).toContain('forbid-package:pytest');
    const report = reportOf(run.outputs['report-path']);
    expect(report.verdict).toBe('fail');
    await expectEngineState(engine, before);
  });

  test('report-only: the gates run and are reported, the step passes with verdict fail; the run id, paths and warnings are outputs', async () => {
    const fat = await buildFixture(engine, 'fat');
    const before = await engineState(engine);
    const dockerfile = path.join(FIXTURE_IMAGES, 'fat', 'Dockerfile');
    const run = await runAction({
      image: fat.ref,
      dockerfile,
      'skip-e2e': 'true',
      'report-only': 'true',
      junit: 'out/junit.xml',
      html: 'out/report.html',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.verdict).toBe('fail');
    expect(run.outputs['failed-gates']).toContain('forbid-package:pytest');
    expect(run.stdout).not.toMatch(/^::error::worker-gate: \d+ gate\(s\) failed/m);
    expect(run.stdout).toMatch(
      /^::warning::worker-gate: \d+ gate\(s\) failed: .*\(report-only: reported, the step passes\)/m,
    );
    expect(reportOf(run.outputs['report-path']).verdict).toBe('fail');
    // The run id is the one the post step cleans up by, and the one `worker-gate clean --run` takes.
    expect(run.outputs['run-id']).toMatch(/^wg-[a-z0-9]+-[0-9a-f]+$/);
    expect(run.outputs['run-id']).toBe(run.state['run-id']);
    expect(run.outputs['junit-path']).toBe(path.join(run.workspace, 'out', 'junit.xml'));
    expect(run.outputs['html-path']).toBe(path.join(run.workspace, 'out', 'report.html'));
    expect(existsSync(run.outputs['html-path'] ?? '')).toBe(true);
    const report = reportOf(run.outputs['report-path']);
    expect(run.outputs['warning-count']).toBe(
      String(report.checks.filter((c) => c.status === 'warn').length),
    );
    await expectEngineState(engine, before);
  });

  test('report-only does not hide an error: bad input still exits 2', async () => {
    const run = await runAction({ image: SLIM_IMAGE, 'max-image-size': '12XB', 'report-only': 'true' });
    expect(run.code).toBe(2);
    expect(run.outputs.verdict).toBe('error');
  });

  test('an audit input without audit: true is refused, not ignored: exit 2 naming each input and what to do', async () => {
    const run = await runAction({
      image: SLIM_IMAGE,
      engines: 'ssh://ops@workers-1',
      filters: 'label=role=worker',
    });
    expect(run.code).toBe(2);
    expect(run.outputs.verdict).toBe('error');
    expect(run.stdout).toContain(
      'filters input applies only with audit: true (without it the action verifies an image): set audit: true to audit the live workers, or drop filters',
    );
    expect(run.stdout).toContain('engines input applies only with audit: true');
  });

  test('bad input exits 2 naming the input, with verdict error and every output set', async () => {
    const run = await runAction({ image: SLIM_IMAGE, 'max-image-size': '12XB' });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('max-image-size');
    expect(run.outputs.verdict).toBe('error');
    expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(run.outputs.error).toContain('max-image-size');
    expect(reportOf(run.outputs['report-path']).verdict).toBe('error');
  });
});
