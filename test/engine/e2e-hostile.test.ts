// The project under test is untrusted. One run of a hostile template
// (test/fixtures/e2e/hostile), given as a local git checkout whose .git/config
// holds a credential header (as a checkout step persists it) and which has
// uncommitted changes, on an image whose PATH starts with a folder the worker
// can write. Its recipes search the whole worker for the credential, start a
// process meant to outlive its phase, and in worker B (which downloads one
// more wheel, so it is not warm) try every way to forge the cache evidence.
// Each attempt has a positive control: the fixture does what it claims.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import { EVIDENCE_PATH } from '../../src/e2e/worker/worker-tools.js';
import { type CheckedRun, e2eOptions, recordingLog, runE2eChecked } from './e2e-helpers.js';
import { buildFixture } from './helpers.js';

const SECRET = `WG13CRED${'SECRET'}-persisted-by-checkout`;
const HEADER = `AUTHORIZATION: basic ${SECRET}`;
const HOSTILE = path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'hostile');

let root: string;
let template: string;
let run: CheckedRun;
const log = recordingLog();
/** What the hooks saw inside the workers, by `worker/phase`. */
const seen = new Map<string, string>();

function git(dir: string, ...args: string[]): void {
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args],
    {
      cwd: dir,
      stdio: 'pipe',
    },
  );
}

beforeAll(async () => {
  const engine = await connectEngine();
  const image = await buildFixture(engine, 'local-bin-first');
  root = mkdtempSync(path.join(tmpdir(), 'wg-hostile-'));
  template = path.join(root, 'hostile');
  cpSync(HOSTILE, template, { recursive: true });
  git(template, 'init', '-q');
  git(template, 'add', '-A');
  git(template, 'commit', '-q', '-m', 'hostile template');
  git(template, 'config', '--local', 'http.https://github.com/.extraheader', HEADER);
  // Two uncommitted changes: an untracked file holding the secret, and an edit.
  writeFileSync(path.join(template, 'notes-untracked.txt'), `${SECRET}\n`);
  writeFileSync(
    path.join(template, 'copier.yml'),
    `${readFileSync(path.join(template, 'copier.yml'), 'utf8')}# edited\n`,
  );
  execFileSync('chown', ['-R', '4242:4242', template]);

  run = await runE2eChecked(
    engine,
    image.ref,
    e2eOptions({ template, 'warm-runs': '1' }),
    {
      afterPhase: async (worker, phase, r) => {
        const key = `${r.worker}/${phase.name}`;
        if (phase.name === 'setup') {
          const look = await worker.exec([
            'sh',
            '-c',
            [
              'echo "scratch: $(test -e /tmp/worker-gate && echo present || echo gone)"',
              'echo "python3 on PATH: $(command -v python3)"',
              `echo "tools: $(stat -c '%u %a' ${path.dirname(EVIDENCE_PATH)} ${EVIDENCE_PATH} | tr '\\n' ' ')"`,
              `echo "real script: $(head -c 300 ${EVIDENCE_PATH} | grep -c forged)"`,
              // The forgers do forge, when the evidence is run the way an unguarded tool would run it.
              `echo "via PATH: $(python3 ${EVIDENCE_PATH} cache /tmp 2>&1 | head -c 200)"`,
              `echo "via sitecustomize: $(PYTHONPATH=$HOME/pypath /usr/local/bin/python3 ${EVIDENCE_PATH} cache /tmp 2>&1 | head -c 200)"`,
            ].join('\n'),
          ]);
          seen.set(key, look.output);
        }
      },
    },
    log,
  );
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const output = (): string => log.lines.join('\n');
const afterSetup = (worker: 'scaffolder' | 'A' | 'B'): string => seen.get(`${worker}/setup`) ?? '';

describe('a template checkout with a credential in its .git/config', () => {
  test('control: the header and an untracked copy of it are there on the host', () => {
    expect(readFileSync(path.join(template, '.git', 'config'), 'utf8')).toContain(HEADER);
    expect(readFileSync(path.join(template, 'notes-untracked.txt'), 'utf8')).toContain(SECRET);
  });

  test('a recipe that searches the whole worker finds its own canary but not the credential', () => {
    expect(output()).toContain('hostile: found WG13CANARY-IN-THE-PROJECT in: /workspace/project/canary.txt');
    expect(output()).toContain('hostile: WG13CREDSECRET not found');
    expect(output()).not.toContain(SECRET);
  });

  test('the uncommitted changes were left out, and the report warns with their count', () => {
    const check = run.result.checks.find((c) => c.id === 'template-uncommitted');
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.detail).toMatch(/^2 uncommitted changes \(modified, staged or untracked files\)/);
  });

  test('the template copy is gone from the scaffolder before its setup, and never reached a developer', () => {
    expect(afterSetup('scaffolder')).toContain('scratch: gone');
    expect(afterSetup('A')).toContain('scratch: gone');
  });
});

describe('a project that tries to forge the cache evidence', () => {
  test('control: developer B really downloaded, and its forgers found the script and do forge', () => {
    const b = afterSetup('B');
    expect(output()).toMatch(/hostile: found [1-9]\d* evidence scripts/);
    expect(b).toContain('python3 on PATH: /home/worker/.local/bin/python3');
    expect(b).toMatch(/via PATH: \{"forged":true/);
    expect(b).toMatch(/via sitecustomize: \{"forged":true/);
  });

  test('cannot overwrite the evidence script or replace its folder: root owns both, read-only', () => {
    expect(output()).toContain(`hostile: cannot overwrite ${EVIDENCE_PATH}`);
    expect(output()).toContain(`hostile: cannot replace the folder ${path.dirname(EVIDENCE_PATH)}`);
    expect(output()).not.toMatch(/hostile: (overwrote|replaced)/);
    expect(afterSetup('B')).toContain('tools: 0 555 0 444');
    expect(afterSetup('B')).toContain('real script: 0');
  });

  test('the not-warm run stays not-warm, and cache-shared fails saying why', () => {
    const [cold, warm] = run.result.e2e.runs;
    expect(cold).toMatchObject({ worker: 'A', provedState: 'cold' });
    expect(warm).toMatchObject({ worker: 'B', provedState: 'not-warm' });
    expect(warm?.downloads).toBeGreaterThanOrEqual(1);
    expect(warm?.newDistributions).toEqual(expect.arrayContaining([expect.stringMatching(/^six /)]));
    const gate = run.result.checks.find((c) => c.id === 'cache-shared');
    expect(gate).toMatchObject({ status: 'fail' });
    expect(gate?.detail).toMatch(/^no warm run was proved warm: run 1 not-warm \(\d+ downloads\)/);
    expect(run.report.failures.map((f) => f.gate)).toEqual(['cache-shared']);
    expect(run.exitCode).toBe(1);
  });
});

describe('a process started by one phase', () => {
  test('control: it was alive at the end of setup; it is gone in lint and test, in both developers', () => {
    const lines = output();
    // Started by the scaffolder's setup, both developers' setups and the floor (the setup again).
    expect(lines.match(/hostile: sleeper alive in setup/g)).toHaveLength(4);
    expect(lines.match(/hostile: sleeper gone in lint/g)).toHaveLength(2);
    expect(lines.match(/hostile: sleeper gone in test/g)).toHaveLength(2);
    expect(lines).not.toMatch(/sleeper alive in (lint|test)/);
  });
});
