// `worker-gate matrix` through the CLI's front door, without an engine: cells
// that cannot start (here, every cell's config file is bad) are error cells,
// and the merged report goes where --report says, `-` being standard output.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { resolveMatrixOptions } from '../../../src/config/matrix-file.js';
import type { Report } from '../../../src/model/report.js';

test('matrix --report - writes the merged JSON report to stdout alone, and no file named -', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wg-matrix-'));
  writeFileSync(
    path.join(dir, '.worker-gate-matrix.yml'),
    'images: [{ name: base, image: acme/base:1 }]\ntemplates: [{ name: tiny, template: /t }]\n',
  );
  writeFileSync(path.join(dir, '.worker-gate.yml'), 'warm-runz: 1\n');
  let out = '';
  let err = '';
  const code = await runCli(['matrix', '--report', '-'], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: {},
    cwd: dir,
  });
  expect(code).toBe(2);
  const merged = JSON.parse(out) as Report;
  expect(merged.cells?.map((c) => [c.id, c.verdict])).toEqual([['base+tiny', 'error']]);
  expect(err).toContain('worker-gate: verdict error');
  expect(readdirSync(dir).sort()).toEqual(['.worker-gate-matrix.yml', '.worker-gate.yml']);
});

test('matrix --report-only is taken (cells that fail are reported, the exit status is 0)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wg-matrix-'));
  writeFileSync(
    path.join(dir, '.worker-gate-matrix.yml'),
    'images: [{ name: base, image: acme/base:1 }]\ntemplates: [{ name: tiny, template: /t }]\n',
  );
  const options = resolveMatrixOptions({ 'report-only': 'true' }, dir, {});
  expect(options.reportOnly).toBe(true);
  expect(resolveMatrixOptions({}, dir, {}).reportOnly).toBe(false);
  let err = '';
  const code = await runCli(['matrix', '--list', '--report-only'], {
    out: () => {},
    err: (t) => {
      err += t;
    },
    env: {},
    cwd: dir,
  });
  expect(err).toBe('');
  expect(code).toBe(0);
});
