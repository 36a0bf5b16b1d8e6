// A new gate is one object in one file of src/judge (its check, declared once
// with its id, remedy and explain rule, and its judge function) and its line
// in src/judge/gates.ts. Here the line is added by replacing the gate list with
// the real one plus the new gate, so every reader of the list sees it as it
// would see a real gate: judge, the id registry, skip-checks, explain, the
// remedies. The gate's verdict goes into a Report by the same assembly as the
// pipeline's and comes out of every output.
import { tmpdir } from 'node:os';
import { describe, expect, test, vi } from 'vitest';
import { toolRoot } from '../../../src/config/shipped.js';
import { explain } from '../../../src/explain/explain.js';
import { renderCommentBody } from '../../../src/github/comment-body.js';
import { judge, judgeEach } from '../../../src/judge/judge.js';
import { checkNamed, stageOfCheck } from '../../../src/judge/registry.js';
import type { Measurements } from '../../../src/model/measurements.js';
import { addVerdicts, finishReport, newReport } from '../../../src/model/report-building.js';
import { remedyFor } from '../../../src/report/remedies.js';
import { actionOutputs, annotationsFor, renderers } from '../../../src/report/renderers.js';
import { loadFixture } from '../report/fixtures.js';
import { configWith } from './measured.js';

// What src/judge/max-layers.ts would hold.
const { MAX_LAYERS_GATE } = vi.hoisted(() => {
  const gate: import('../../../src/judge/gate.js').Gate = {
    family: 'max-layers',
    checks: [
      {
        id: 'max-layers',
        stage: 'contract',
        off: 'skip',
        remedy: 'Merge neighbouring `RUN` instructions until the image has at most 8 layers.',
        explain: () => 'at most 8 layers',
      },
    ],
    judge(config, { image }) {
      if (!image || config.skipChecks.includes('max-layers')) return {};
      const count = image.layers.length;
      const over = count > 8;
      const detail = `the image has ${count} layers, ${over ? 'over' : 'within'} max-layers 8`;
      const check = { id: 'max-layers', status: over ? ('fail' as const) : ('pass' as const), detail };
      return { checks: [{ check, annotate: { file: 'images/worker/Dockerfile', line: 3 } }] };
    },
  };
  return { MAX_LAYERS_GATE: gate };
});

vi.mock('../../../src/judge/gates.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/judge/gates.js')>();
  return { GATES: [...real.GATES, MAX_LAYERS_GATE] };
});

const REMEDY = 'Merge neighbouring `RUN` instructions until the image has at most 8 layers.';

/** The image of a recorded passing check, given `count` layers. */
function measuredWith(count: number): Measurements {
  const image = structuredClone(loadFixture('check-slim-pass').image);
  if (!image) throw new Error('check-slim-pass has no image');
  const layer = image.layers[0] ?? { createdBy: 'import', sizeBytes: 1 };
  image.layers = Array.from({ length: count }, () => ({ ...layer }));
  return { command: 'check', image };
}

function reportOf(measured: Measurements) {
  const report = newReport('check', new Date('2026-01-01T00:00:00Z'));
  if (measured.image) report.image = measured.image;
  addVerdicts(report, judgeEach(configWith(), measured));
  return finishReport(report, new Date('2026-01-01T00:00:10Z'));
}

describe('a gate added to the list', () => {
  test('is judged with the others, and the registry knows its id, stage and remedy', () => {
    expect(judge(configWith(), measuredWith(12)).checks.map((c) => c.check.id)).toEqual(['max-layers']);
    expect(checkNamed('max-layers')).toMatchObject({ id: 'max-layers', stage: 'contract', off: 'skip' });
    expect(stageOfCheck('max-layers')).toBe('contract');
    expect(remedyFor('max-layers')).toBe(REMEDY);
  });

  test('skip-checks takes it and turns it off like any other', () => {
    expect(judge(configWith({ 'skip-checks': ['max-layers'] }), measuredWith(12)).checks).toEqual([]);
  });

  test('explain lists it with its rule, last in the order, and not when skipped', () => {
    const gates = (overrides: Record<string, string[]>) =>
      explain({ frontDoor: 'cli', overrides, env: {}, cwd: tmpdir(), assetsDir: toolRoot() }).gates;
    expect(gates({}).at(-1)).toEqual({ id: 'max-layers', rule: 'at most 8 layers' });
    expect(gates({ 'skip-checks': ['max-layers'] }).map((g) => g.id)).not.toContain('max-layers');
  });

  test('its failure is in every output: id, detail, remedy', () => {
    const report = reportOf(measuredWith(12));
    const detail = 'the image has 12 layers, over max-layers 8';
    expect(report.verdict).toBe('fail');
    expect(report.failures).toEqual([
      { gate: 'max-layers', message: detail, file: 'images/worker/Dockerfile', line: 3 },
    ]);

    const summary = renderers.summary(report);
    expect(summary).toContain('max-layers');
    expect(summary).toContain(detail);
    expect(summary).toContain(REMEDY);

    const html = renderers.html(report);
    expect(html).toContain('max-layers');
    expect(html).toContain(detail);
    expect(html).toContain(
      'Merge neighbouring <code>RUN</code> instructions until the image has at most 8 layers.',
    );

    const junit = renderers.junit(report);
    expect(junit).toMatch(/<testcase [^>]*name="max-layers"/);
    expect(junit).toContain(detail);

    const comment = renderCommentBody(
      report,
      { key: 'newgate0key1', target: 'images/worker/Dockerfile', job: 'gate' },
      { headSha: '0123456789abcdef', runUrl: 'https://github.com/acme/workers/actions/runs/42' },
    );
    expect(comment).toContain('max-layers');
    expect(comment).toContain(detail);
    expect(comment).toContain(REMEDY);

    expect(actionOutputs(report, 'report.json')['failed-gates']).toBe('max-layers');
    expect(annotationsFor(report)).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining(detail),
        file: 'images/worker/Dockerfile',
        line: 3,
      }),
    ]);
    expect(annotationsFor(report)[0]?.title).toContain('max-layers');
  });

  test('its pass is a passed check, with no failure', () => {
    const report = reportOf(measuredWith(5));
    expect(report.verdict).toBe('pass');
    expect(report.checks).toEqual([
      { id: 'max-layers', status: 'pass', detail: 'the image has 5 layers, within max-layers 8' },
    ]);
    expect(renderers.junit(report)).toContain('max-layers');
  });
});
