// The matrix file: its cells (images × templates × refs × data sets), every
// problem at once naming where it is, `matrix --list` on the example, a run of
// one cell (`cell`) taking that cell's values between the config file and its
// own flags, and the generated JSON Schema.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../../src/cli.js';
import { parseMatrixText } from '../../../src/config/matrix-file.js';
import { renderMatrixSchema } from '../../../src/config/matrix-schema.js';
import { CWD, inputErrorOf, viaAction, viaCli, WORKSPACE } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EXAMPLE = 'examples/.worker-gate-matrix.yml';

const MATRIX = `
options: { warm-runs: 1, memory: 3GiB }
images:
  - name: base
    image: acme/worker-base:1.4
  - name: node
    dockerfile: images/node/Dockerfile
    build-args: [NODE=22]
templates:
  - name: service
    template: /templates/mine
    refs: [v2.1.0, main]
    data: [project_name=orders, python_version=3.12]
    data-sets:
      - { name: minimal, data: [modules=none] }
      - { name: full, data: [modules=all, python_version=3.13], memory: 4GiB }
  - name: tiny
    template: /templates/mine
`;

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env,
    cwd: ROOT,
  });
  return { code, out, err };
}

describe('the matrix file', () => {
  test('crosses images × templates × refs × data sets, each cell with its values', () => {
    const file = parseMatrixText(MATRIX, 'm.yml', '/x/m.yml');
    expect(file.cells.map((c) => c.id)).toEqual([
      'base+service@v2.1.0+minimal',
      'base+service@v2.1.0+full',
      'base+service@main+minimal',
      'base+service@main+full',
      'base+tiny',
      'node+service@v2.1.0+minimal',
      'node+service@v2.1.0+full',
      'node+service@main+minimal',
      'node+service@main+full',
      'node+tiny',
    ]);
    const full = file.cells.find((c) => c.id === 'node+service@main+full');
    expect(full).toMatchObject({ image: 'node', template: 'service', ref: 'main', dataSet: 'full' });
    expect(full?.values).toEqual({
      'warm-runs': 1,
      memory: '4GiB',
      dockerfile: 'images/node/Dockerfile',
      'build-args': ['NODE=22'],
      template: '/templates/mine',
      'template-ref': 'main',
      data: ['project_name=orders', 'python_version=3.12', 'modules=all', 'python_version=3.13'],
    });
  });

  test('every problem at once, each naming where it is', () => {
    const bad = `
option: {}
options: { image: x:1, warm-runs: 0 }
images:
  - name: base
    imagee: x
  - name: base
  - name: "no spaces"
templates:
  - name: t
    refs: [-bad]
    template-ref: main
`;
    const error = inputErrorOf(() => parseMatrixText(bad, 'm.yml', '/m.yml'));
    expect([error.message, ...error.details]).toEqual([
      'm.yml: unknown key "option" (did you mean "options"?)',
      'm.yml: options: invalid warm-runs 0: expected a whole number ≥ 1 and ≤ 20',
      'm.yml: options: image belongs to an image or a template, where it names a cell',
      'm.yml: images[1] (base): unknown key "imagee" (did you mean "image"?)',
      'm.yml: images[2]: the name "base" is given twice',
      'm.yml: images[3]: name "no spaces" must be letters, digits, . _ - (it is part of each cell\'s id and artifact name)',
      'm.yml: templates[1] (t): refs: "-bad" is not a git ref like v2.1.0',
      'm.yml: templates[1] (t): give refs or template-ref, not both',
    ]);
  });

  test("matrix --list prints the example file's cells as one line of JSON for strategy.matrix", async () => {
    const run = await cli(['matrix', '--list', '--matrix-file', EXAMPLE]);
    expect(run.code, run.err).toBe(0);
    expect(run.out.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.out)).toEqual({
      include: [
        {
          cell: 'base+service+orders',
          image: 'base',
          template: 'service',
          'data-set': 'orders',
          artifact: 'worker-gate-base-service-orders',
        },
        {
          cell: 'base+service+billing',
          image: 'base',
          template: 'service',
          'data-set': 'billing',
          artifact: 'worker-gate-base-service-billing',
        },
        { cell: 'base+tiny', image: 'base', template: 'tiny', artifact: 'worker-gate-base-tiny' },
        {
          cell: 'py311+service+orders',
          image: 'py311',
          template: 'service',
          'data-set': 'orders',
          artifact: 'worker-gate-py311-service-orders',
        },
        {
          cell: 'py311+service+billing',
          image: 'py311',
          template: 'service',
          'data-set': 'billing',
          artifact: 'worker-gate-py311-service-billing',
        },
        { cell: 'py311+tiny', image: 'py311', template: 'tiny', artifact: 'worker-gate-py311-tiny' },
      ],
    });
  });

  test('matrix with a bad --engine or --jobs, an unknown Docker context, or without a file: exit 2 before any cell runs', async () => {
    const bad = await cli([
      'matrix',
      '--matrix-file',
      EXAMPLE,
      '--engine',
      'npipe:////./pipe/x',
      '--jobs',
      '0',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      [
        'worker-gate: error: invalid --engine "npipe:////./pipe/x": expected an engine endpoint like unix:///var/run/docker.sock, tcp://host:2375 or ssh://user@host, or a Docker context\'s name',
        'worker-gate: error: invalid --jobs "0": expected a whole number ≥ 1 and ≤ 64',
        '',
      ].join('\n'),
    );
    const unplaced = await cli(['matrix', 'cells', '--matrix-file', EXAMPLE, '--lsit', '--jobs', '0']);
    expect(unplaced.code).toBe(2);
    expect(unplaced.out).toBe('');
    expect(unplaced.err).toBe(
      [
        'worker-gate: error: matrix takes no argument "cells": options start with --',
        'worker-gate: error: unknown option --lsit (did you mean --list?)',
        'worker-gate: error: invalid --jobs "0": expected a whole number ≥ 1 and ≤ 64',
        '',
      ].join('\n'),
    );
    const unnamed = await cli(['matrix', '--list']);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toBe(
      'worker-gate: error: cannot read the matrix file ".worker-gate-matrix.yml" (matrix reads it; name another with --matrix-file): no such file\n',
    );
    const config = mkdtempSync(path.join(os.tmpdir(), 'wg-docker-config-'));
    const key = createHash('sha256').update('workers-1').digest('hex');
    mkdirSync(path.join(config, 'contexts', 'meta', key), { recursive: true });
    writeFileSync(
      path.join(config, 'contexts', 'meta', key, 'meta.json'),
      JSON.stringify({ Name: 'workers-1', Endpoints: { docker: { Host: 'ssh://ops@workers-1' } } }),
    );
    const unknown = await cli(
      ['matrix', '--matrix-file', EXAMPLE, '--all-contexts', '--engine', 'workers-2', '--jobs', '0'],
      { DOCKER_CONFIG: config },
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(
      [
        'worker-gate: error: invalid --jobs "0": expected a whole number ≥ 1 and ≤ 64',
        `worker-gate: error: --engine "workers-2" is neither an engine endpoint (unix://, tcp://, ssh://) nor a Docker context in ${config}/contexts (did you mean "workers-1"?): its contexts are default, workers-1 (DOCKER_CONFIG names another folder)`,
        '',
      ].join('\n'),
    );
    const missing = await cli(['matrix', '--list', '--matrix-file', 'nope.yml']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('worker-gate: error: cannot read --matrix-file "nope.yml": no such file\n');
  });
});

describe('a run of one cell (cell)', () => {
  const files = { [`${CWD}/.worker-gate-matrix.yml`]: MATRIX, [`${CWD}/images/node/Dockerfile`]: 'FROM x\n' };

  test("takes the cell's values from the matrix file, and records the cell; its own flags win", () => {
    const config = viaCli(['--cell', 'node+service@main+full', '--memory', '5GiB'], { files });
    expect(config.cell).toEqual({
      id: 'node+service@main+full',
      image: 'node',
      template: 'service',
      ref: 'main',
      dataSet: 'full',
    });
    expect(config.dockerfile).toBe(`${CWD}/images/node/Dockerfile`);
    expect(config.buildArgs).toEqual({ NODE: '22' });
    expect(config.templateRef).toBe('main');
    expect(config.data).toEqual({ project_name: 'orders', python_version: '3.13', modules: 'all' });
    expect(config.warmRuns).toBe(1);
    expect(config.memoryBytes).toBe(5 * 1024 ** 3);
  });

  test('in the action too, from the workspace', () => {
    const config = viaAction(
      { cell: 'base+tiny' },
      { files: { [`${WORKSPACE}/.worker-gate-matrix.yml`]: MATRIX } },
    );
    expect(config.image).toBe('acme/worker-base:1.4');
    expect(config.cell?.id).toBe('base+tiny');
  });

  test('an unknown cell names the cells the file has; a missing file names --cell', () => {
    const unknown = inputErrorOf(() => viaCli(['--cell', 'base+tiny@main'], { files }));
    expect(unknown.message).toMatch(
      /^--cell "base\+tiny@main" is not a cell of \.worker-gate-matrix\.yml: its cells are base\+service@v2\.1\.0\+minimal, .*, node\+tiny$/,
    );
    const missing = inputErrorOf(() => viaCli(['--cell', 'base+tiny']));
    expect(missing.message).toBe(
      'cannot read the matrix file ".worker-gate-matrix.yml" (--cell reads it; name another with --matrix-file): no such file',
    );
    const viaInput = inputErrorOf(() => viaAction({ cell: 'base+tiny' }));
    expect(viaInput.message).toBe(
      'cannot read the matrix file ".worker-gate-matrix.yml" (cell input reads it; name another with the matrix-file input): no such file',
    );
  });
});

describe('worker-gate-matrix.schema.json', () => {
  const committed = readFileSync(path.join(ROOT, 'worker-gate-matrix.schema.json'), 'utf8');

  test('is current with the option table (else run: node scripts/gen-config-schema.mjs)', () => {
    expect(committed).toBe(renderMatrixSchema());
  });

  test('validates the example, and refuses a misspelt key', () => {
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
      JSON.parse(committed),
    );
    expect(
      validate(parse(readFileSync(path.join(ROOT, EXAMPLE), 'utf8'))),
      JSON.stringify(validate.errors),
    ).toBe(true);
    expect(validate({ images: [{ name: 'a', imagee: 'x' }], templates: [{ name: 't' }] })).toBe(false);
  });
});
