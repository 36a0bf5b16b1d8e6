// `worker-gate merge` through the CLI's front door, on the recorded cell
// reports of test/fixtures/matrix/: the files it writes render the grid, its
// exit status is the worst cell's, and reports that cannot be one verdict
// (another schema version, another tool version, no file) are refused, exit 2,
// each naming its file.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import type { Report } from '../../../src/model/report.js';
import { validateReport } from '../../../src/model/report-schema.js';
import { MATRIX_DIR } from '../matrix/matrix-fixtures.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wg-merge-'));
  cpSync(MATRIX_DIR, dir, { recursive: true });
});

async function merge(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['merge', ...argv], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: {},
    cwd: dir,
  });
  return { code, out, err };
}

const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const cell = (name: string) => JSON.parse(read(`cells/${name}.json`)) as Report;
const write = (file: string, report: unknown) => writeFileSync(path.join(dir, file), JSON.stringify(report));

describe('merge', () => {
  it('every cell, from a quoted glob: exit 2 for the errored cell, the grid in every file', async () => {
    const run = await merge([
      'cells/*.json',
      '--report',
      'out/merged.json',
      '--summary',
      'out/summary.md',
      '--html',
      'out/matrix.html',
      '--junit',
      'out/junit.xml',
      '--baseline-report',
      'baseline-merged.json',
    ]);
    expect(run.code).toBe(2);
    const merged = JSON.parse(read('out/merged.json')) as Report;
    expect(validateReport(merged)).toEqual([]);
    expect(merged.cells?.map((c) => [c.id, c.verdict])).toEqual([
      ['node+tiny+gpu-worker', 'error'],
      ['node+service@v2+full', 'fail'],
      ['base+tiny+gpu-worker', 'fail'],
      ['base+service@v2+full', 'pass'],
      ['base+service@v2+minimal', 'pass'],
      ['node+service@v2+minimal', 'pass'],
    ]);
    expect(merged.failures.map((f) => f.gate)).toEqual([
      'node+service@v2+full:max-wasted-bytes',
      'base+tiny+gpu-worker:e2e:A:setup',
    ]);
    expect(read('out/summary.md')).toContain('| `base` | ✅ 9.4 s · 261.4 MB |');
    expect(read('out/matrix.html')).toContain('<a href="#cell-node-tiny-gpu-worker"');
    expect(read('out/junit.xml')).toContain('node+service@v2+full:max-wasted-bytes');
    expect(run.err).toContain('worker-gate: error: 1 of 6 cells could not finish: node+tiny+gpu-worker');
    expect(run.err).toContain('worker-gate: verdict error');
  });

  it('failed cells and no errored one: exit 1', async () => {
    const run = await merge(['cells/base-tiny-gpu.json', 'cells/base-service-v2-full.json']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('worker-gate: FAIL base+tiny+gpu-worker:e2e:A:setup:');
  });

  it('--report-only: failed cells are reported and exit 0; an errored cell still exits 2', async () => {
    const failed = await merge([
      'cells/base-tiny-gpu.json',
      'cells/base-service-v2-full.json',
      '--report-only',
    ]);
    expect(failed.code).toBe(0);
    expect(failed.err).toContain('worker-gate: FAIL base+tiny+gpu-worker:e2e:A:setup:');
    expect(failed.err).toContain('worker-gate: verdict fail');
    expect(failed.err).toContain(
      'worker-gate: report-only: the failed gates are reported, and the exit status is 0',
    );
    const errored = await merge(['cells/*.json', '--report-only']);
    expect(errored.code).toBe(2);
  });

  it('--report -: the merged JSON on stdout alone, and no file named -', async () => {
    const run = await merge(['cells/base-service-v2-*.json', '--report', '-']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as Report).cells?.length).toBe(2);
    expect(() => read('-')).toThrow();
  });

  it('every cell passed: exit 0', async () => {
    const run = await merge(['cells/base-service-v2-*.json', 'cells/node-service-v2-minimal.json']);
    expect(run.code).toBe(0);
    expect(run.err).toContain('worker-gate: verdict pass');
  });

  it('a report of another schema version is refused, naming its file: exit 2, nothing written', async () => {
    write('cells/next.json', { ...cell('base-tiny-gpu'), schemaVersion: 2 });
    const run = await merge(['cells/*.json', '--report', 'merged.json']);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'worker-gate: error: cells/next.json is a report of schema version 2; this worker-gate merges schema version 1 only: merge it with the worker-gate that wrote it\n',
    );
    expect(() => read('merged.json')).toThrow();
  });

  it('every problem at once: another tool version, a glob that matches nothing, a missing file, a bad baseline', async () => {
    write('cells/old.json', {
      ...cell('base-tiny-gpu'),
      cell: { id: 'old+tiny', image: 'old', template: 'tiny' },
      tool: { name: 'worker-gate', version: '0.0.9' },
    });
    const run = await merge([
      'cells/*.json',
      'missing/*.json',
      'gone.json',
      '--baseline-report',
      'nope.json',
    ]);
    expect(run.code).toBe(2);
    expect(run.err.split('\n')).toEqual([
      'worker-gate: error: REPORT "missing/*.json" matches no file: is the artifact downloaded there?',
      'worker-gate: error: gone.json cannot be read: no such file (is the artifact downloaded there?)',
      'worker-gate: error: cells/old.json was written by worker-gate 0.0.9, cells/base-service-v2-full.json by 0.1.0: merge the reports of one worker-gate version (run every cell with the same version)',
      'worker-gate: error: --baseline-report nope.json cannot be read: no such file',
      '',
    ]);
  });

  it('two reports of one cell are refused, naming both files', async () => {
    write('again.json', cell('base-tiny-gpu'));
    const run = await merge(['cells/base-tiny-gpu.json', 'again.json']);
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      'again.json and cells/base-tiny-gpu.json are both the cell base+tiny+gpu-worker: give each cell',
    );
  });

  it('an unknown flag is refused as a flag, each with its remedy, never read as a report file', async () => {
    const run = await merge(['cells/base-tiny-gpu.json', '--htm', 'x.html', '--warm-runs', '3']);
    expect(run.code).toBe(2);
    expect(run.err.split('\n')).toEqual([
      'worker-gate: error: unknown option --htm (did you mean --html?)',
      expect.stringMatching(/^worker-gate: error: merge has no option --warm-runs: it is an option of /),
      '',
    ]);
  });

  it('no report: a usage error, exit 2', async () => {
    const run = await merge([]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("missing required argument 'report'");
  });
});
