// The npm package as a user meets it: `npm pack` of this checkout, then, in a
// clean temporary folder, `npx ./worker-gate-X.Y.Z.tgz` — its version, and a
// real `check` of a local image — so a package that misses its bundle or the
// files the bundle reads (images/, templates/) fails here, not for a user. And
// `npm install` of the tarball into a clean folder with an empty npm cache:
// worker-gate alone (the bundle inlines its libraries), with the config schema
// and the example config it validates.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { toolRoot } from '../../src/config/shipped.js';
import { SLIM_IMAGE } from './images.js';
import { readReport } from './run-cli.js';

const run = promisify(execFile);
const version = (
  JSON.parse(readFileSync(path.join(toolRoot(), 'package.json'), 'utf8')) as { version: string }
).version;
let folder: string;
let tarball: string;

/** Like a user's shell: no variables from this checkout's npm scripts or test run. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|VITEST|INIT_CWD)/i.test(k)) env[k] = v;
  return env;
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'wg-npx-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', folder], { cwd: toolRoot() });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = packed?.filename ?? '';
});

describe('npm pack → npx from a clean folder', () => {
  test('the package holds the bundle and what it reads, and nothing of the sources or tests', async () => {
    expect(tarball).toBe(`worker-gate-${version}.tgz`);
    const { stdout } = await run('tar', ['-tzf', path.join(folder, tarball)]);
    const files = stdout.split('\n').filter(Boolean);
    for (const needed of [
      'package/dist/cli.js',
      'package/dist/main.js',
      'package/dist/post.js',
      'package/action.yml',
      'package/images/worker-base-common/Dockerfile',
      'package/templates/service/copier.yml',
      'package/README.md',
      'package/LICENSE',
      'package/worker-gate.schema.json',
      'package/examples/.worker-gate.yml',
      'package/dist/licenses.txt',
    ])
      expect(files).toContain(needed);
    expect(files.filter((f) => /^package\/(src|test|scripts|node_modules|\.tools|bench)\//.test(f))).toEqual(
      [],
    );
  });

  test('`npx ./worker-gate-X.Y.Z.tgz --version` prints the version, and `check` runs on a local image', async () => {
    const env = userEnv();
    const v = await run('npx', ['--yes', `./${tarball}`, '--version'], { cwd: folder, env });
    expect(v.stdout.trim()).toBe(version);
    const report = path.join(folder, 'report.json');
    const check = await run(
      'npx',
      ['--yes', `./${tarball}`, 'check', '--image', SLIM_IMAGE, '--report', report],
      {
        cwd: folder,
        env,
      },
    ).catch((err: { code?: number; stderr?: string }) => err);
    expect('code' in check ? check.code : 0, 'stderr' in check ? check.stderr : '').toBe(0);
    const r = readReport(report);
    expect(r.tool.version).toBe(version);
    expect(r.verdict).toBe('pass');
    expect(r.checks.length).toBeGreaterThan(5);
  });
});

/**
 * What `npm install` of the tarball may install besides worker-gate: nothing. esbuild
 * inlines every library (scripts/bundle.mjs); what it leaves external is optional and
 * loaded inside try/catch: debug's supports-color (colours of DEBUG output).
 */
const INSTALLED_PACKAGES = ['worker-gate'];

describe('npm install of the tarball into a clean folder', () => {
  let app: string;
  beforeAll(async () => {
    app = path.join(folder, 'app');
    mkdirSync(app);
    const env = { ...userEnv(), npm_config_cache: path.join(folder, 'npm-cache') };
    await run('npm', ['init', '-y'], { cwd: app, env });
    await run('npm', ['install', '--no-audit', '--no-fund', path.join(folder, tarball)], { cwd: app, env });
  });

  test('installs worker-gate and no other package, and its CLI runs without them', async () => {
    const lock = JSON.parse(readFileSync(path.join(app, 'node_modules', '.package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    const names = Object.keys(lock.packages).map((p) => p.replace(/^.*node_modules\//, ''));
    expect(names.sort()).toEqual(INSTALLED_PACKAGES);
    const { stdout } = await run(path.join(app, 'node_modules', '.bin', 'worker-gate'), ['--version'], {
      cwd: app,
      env: userEnv(),
    });
    expect(stdout.trim()).toBe(version);
  });

  test('ships the config schema, and the example config that names it and validates against it', () => {
    const installed = path.join(app, 'node_modules', 'worker-gate');
    const exampleFile = path.join(installed, 'examples', '.worker-gate.yml');
    const example = readFileSync(exampleFile, 'utf8');
    const named = /^# yaml-language-server: \$schema=(\S+)$/m.exec(example)?.[1] ?? '';
    expect(path.resolve(path.dirname(exampleFile), named)).toBe(
      path.join(installed, 'worker-gate.schema.json'),
    );
    const schema = JSON.parse(readFileSync(path.join(installed, 'worker-gate.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate(parse(example)), JSON.stringify(validate.errors)).toBe(true);
  });
});
