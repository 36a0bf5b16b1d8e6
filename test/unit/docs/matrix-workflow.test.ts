// examples/matrix.yml, the whole matrix workflow the README points to: a plan
// job that lists the cells, one job per cell that runs verify and uploads its
// report, and a merge job that finds every report where download-artifact lays
// them and posts one comment. Read as GitHub would, held to the action's inputs
// and to what `matrix --list` prints for the example matrix file.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { matrixInclude, readMatrixFile } from '../../../src/config/matrix-file.js';
import { expandGlob } from '../../../src/matrix/globs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  if?: string;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix?: unknown };
  steps: Step[];
}

const workflow = parse(readFileSync(path.join(ROOT, 'examples/matrix.yml'), 'utf8')) as {
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const actionInputs = Object.keys(
  (parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs,
);
const cells = matrixInclude(
  readMatrixFile('examples/.worker-gate-matrix.yml', {
    base: ROOT,
    input: '--matrix-file',
    other: '--matrix-file',
    namedByInput: true,
  }),
).include;

/** A GitHub expression as a workflow spells it. */
const expression = (inner: string) => `\${{ ${inner} }}`;
const gateSteps = (job: Job) => job.steps.filter((s) => s.uses?.startsWith('worker-gate/worker-gate@'));
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0] as T;
};

describe('examples/matrix.yml', () => {
  const { plan, cell, merge } = workflow.jobs;

  test('has the three jobs, in order, and may write the pull-request comment', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['plan', 'cell', 'merge']);
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  test('plan lists the cells of the matrix file as its output', () => {
    const list = only((plan?.steps ?? []).filter((s) => s.run?.includes('matrix --list')));
    expect(list.run).toContain('cells=$(');
    expect(list.run).toContain('>> "$GITHUB_OUTPUT"');
    expect(plan?.outputs?.cells).toBe(expression(`steps.${list.id}.outputs.cells`));
  });

  test("cell runs one verify per cell and uploads its report under the cell's artifact name", () => {
    expect(cell?.needs).toBe('plan');
    expect(cell?.strategy?.matrix).toBe(expression('fromJSON(needs.plan.outputs.cells)'));
    expect(cell?.strategy?.['fail-fast']).toBe(false);
    const gate = only(gateSteps(cell as Job));
    expect(gate.with?.cell).toBe(expression('matrix.cell'));
    const upload = only((cell?.steps ?? []).filter((s) => s.uses?.startsWith('actions/upload-artifact@')));
    expect(upload.if).toBe('always()');
    expect(upload.with?.name).toBe(expression('matrix.artifact'));
    expect(upload.with?.path).toBe(gate.with?.report);
  });

  test("merge finds every cell's report where download-artifact puts it, and posts one comment", () => {
    expect(merge?.needs).toBe('cell');
    expect(merge?.if).toBe('always()');
    const download = only(
      (merge?.steps ?? []).filter((s) => s.uses?.startsWith('actions/download-artifact@')),
    );
    const gate = only(gateSteps(merge as Job));
    expect(gate.with).toMatchObject({ merge: true, comment: true });
    // download-artifact with a pattern puts each artifact in <path>/<its name>/.
    const pattern = new RegExp(`^${String(download.with?.pattern).replace(/\*/g, '.*')}$`);
    const dir = mkdtempSync(path.join(tmpdir(), 'wg-matrix-workflow-'));
    const report = String(cell?.steps.find((s) => s.uses?.startsWith('worker-gate/'))?.with?.report);
    for (const c of cells) {
      expect(c.artifact).toMatch(pattern);
      const folder = path.join(dir, String(download.with?.path), c.artifact ?? '');
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, report), '{}');
    }
    expect(expandGlob(String(gate.with?.reports), dir)).toHaveLength(cells.length);
  });

  test("every worker-gate step uses only the action's inputs", () => {
    for (const job of Object.values(workflow.jobs))
      for (const step of gateSteps(job))
        for (const input of Object.keys(step.with ?? {})) expect(actionInputs).toContain(input);
  });
});
