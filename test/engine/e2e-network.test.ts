// A template URL with a password, served by a git server that demands it
// (git http-backend behind Basic auth, test/fixtures/e2e/git-server) in one of
// the test's own containers on the run's network; and a worker of another run,
// listening, on that run's network. One run through the pipeline (so through
// its one redaction step), stopped right after the scaffold (setup-target
// scaffold-only): the scaffold works, no file written and no log line holds the
// password, the worker reaches its own run's container and not the other run's.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { removeContainer } from '../../src/docker/containers.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Container, Engine } from '../../src/docker/engine-api.js';
import { newRunId, runLabels } from '../../src/docker/labels.js';
import { folderEntries } from '../../src/e2e/template/template-source.js';
import { createRunNetwork, runNetworkName } from '../../src/e2e/worker/network.js';
import { startWorker, type Worker } from '../../src/e2e/worker/worker.js';
import type { Report } from '../../src/model/report.js';
import { validateReport } from '../../src/model/report-schema.js';
import { runPipeline } from '../../src/pipeline.js';
import { writeReportFiles } from '../../src/report/files.js';
import { renderers } from '../../src/report/renderers.js';
import { sweep } from '../../src/run/cleanup.js';
import { e2eOptions, recordingLog } from './e2e-helpers.js';
import { type EngineState, engineState, expectEngineState, rawDocker } from './helpers.js';
import { SLIM_IMAGE } from './images.js';
import { runProcess } from './run-process.js';

const FIXTURES = path.join(toolRoot(), 'test', 'fixtures', 'e2e');
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const URL = `http://wg:${PASSWORD}@gitserver:8080/hostile.git`;

let engine: Engine;
let before: EngineState;
let root: string;
let server: Container;
let other: Worker;
let otherIp: string;
let report: Report;
const runId = newRunId();
const otherRunId = newRunId();
const log = recordingLog();
const seen: Record<string, string> = {};

/** Connect from inside a worker; prints `reached` or `refused: <why>`. */
const connect = (host: string, port: number) => [
  '/usr/local/bin/python3',
  '-c',
  `import socket\ntry:\n    socket.create_connection((${JSON.stringify(host)}, ${port}), timeout=5).close(); print("reached")\nexcept OSError as e:\n    print("refused:", e)`,
];

async function retry(fn: () => Promise<string>, want: RegExp): Promise<string> {
  let last = '';
  for (let i = 0; i < 20 && !want.test(last); i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    last = await fn();
  }
  return last;
}

beforeAll(async () => {
  engine = await connectEngine();
  before = await engineState(engine);
  root = mkdtempSync(path.join(tmpdir(), 'wg-net-'));
  // The hostile fixture as a bare repository, served by the git server.
  const work = path.join(root, 'work');
  cpSync(path.join(FIXTURES, 'hostile'), work, { recursive: true });
  const git = (cwd: string, ...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args],
      {
        cwd,
        stdio: 'pipe',
      },
    );
  git(work, 'init', '-q');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'template');
  git(root, 'clone', '-q', '--bare', work, 'hostile.git');

  // The git server: the run's own container (labelled, so the run's clean-up removes it too).
  // The slim image has git and Python; as root, so the served repositories are its own.
  server = await engine.containers.create({
    image: SLIM_IMAGE,
    user: '0',
    entrypoint: ['python3', '/srv/serve.py', '/srv/git'],
    env: { GIT_USER: 'wg', GIT_PASSWORD: PASSWORD },
    labels: runLabels(runId),
  });
  const owner = { uid: 0, gid: 0 };
  await server.put('/', [{ name: 'srv/', type: 'directory', mode: 0o755 }], owner);
  await server.put(
    '/srv',
    [
      { name: 'serve.py', content: readFileSync(path.join(FIXTURES, 'git-server', 'serve.py')) },
      ...folderEntries(path.join(root, 'hostile.git'), 'git/hostile.git'),
    ],
    owner,
  );
  await server.start();

  // A worker of another run, listening on its own run's network.
  const otherNet = await createRunNetwork(engine, otherRunId);
  other = await startWorker(engine, {
    image: SLIM_IMAGE,
    user: '',
    env: {},
    memoryBytes: 512 * 1024 ** 2,
    cpus: 1,
    runId: otherRunId,
    role: 'e2e-other-run',
    volumes: {},
    network: otherNet,
  });
  await other.exec(['sh', '-c', 'nohup python3 -m http.server 8099 >/dev/null 2>&1 &']);
  seen.otherSelf = await retry(async () => (await other.exec(connect('127.0.0.1', 8099))).output, /reached/);
  const info = await other.container.inspect();
  otherIp = info.NetworkSettings.Networks[otherNet]?.IPAddress ?? '';

  const config = e2eOptions({
    image: SLIM_IMAGE,
    template: URL,
    'warm-runs': '1',
    'setup-target': 'scaffold-only',
  });
  let attached = false;
  report = await runPipeline('e2e', config, {
    log,
    runId,
    env: process.env,
    e2eHooks: {
      beforePhases: async () => {
        if (attached) return;
        attached = true;
        await rawDocker()
          .getNetwork(runNetworkName(runId))
          .connect({ Container: server.id, EndpointConfig: { Aliases: ['gitserver'] } });
        // The server does demand the password.
        const probe = `import urllib.request\ntry:\n    urllib.request.urlopen("http://127.0.0.1:8080/hostile.git/info/refs?service=git-upload-pack"); print("open")\nexcept Exception as e:\n    print("asked:", e)`;
        seen.unauthenticated = await retry(
          async () => (await server.exec(['python3', '-c', probe])).output,
          /asked: HTTP Error 401/,
        );
      },
      // After the scaffolder's setup: the scaffold's scratch folder went in the exec that came
      // after it (read-project.ts), before anything of the project's ran.
      afterPhase: async (worker, phase, who) => {
        if (phase.name !== 'setup' || who.worker !== 'scaffolder') return;
        seen.own = (await worker.exec(connect('gitserver', 8080))).output;
        seen.otherRun = (await worker.exec(connect(otherIp, 8099))).output;
        // In Python, given the password in two halves, so no command line of the search holds it.
        const search = [
          'import os, sys',
          'needle, hits = (sys.argv[1] + sys.argv[2]).encode(), []',
          "for top, dirs, files in os.walk('/'):",
          "    if top == '/': dirs[:] = [d for d in dirs if d not in ('proc', 'sys', 'dev')]",
          '    for f in files:',
          '        p = os.path.join(top, f)',
          '        try:',
          '            if not os.path.islink(p) and needle in open(p, "rb").read(): hits.append(p)',
          '        except OSError: pass',
          "for pid in filter(str.isdigit, os.listdir('/proc')):",
          "    for part in ('environ', 'cmdline'):",
          '        try:',
          "            if needle in open(f'/proc/{pid}/{part}', 'rb').read(): hits.append(f'/proc/{pid}/{part}')",
          '        except OSError: pass',
          "print('hits:', hits)",
        ].join('\n');
        const half = PASSWORD.length / 2;
        seen.search = (
          await worker.exec([
            '/usr/local/bin/python3',
            '-c',
            search,
            PASSWORD.slice(0, half),
            PASSWORD.slice(half),
          ])
        ).output;
      },
    },
  });
}, 600_000);

afterAll(async () => {
  await removeContainer(server).catch(() => {});
  await sweep(engine, { runId: otherRunId }, { runProcess });
  if (root) rmSync(root, { recursive: true, force: true });
  await expectEngineState(engine, before);
});

describe('a template URL with a password, on a git server of the run', () => {
  test('controls: the server asks for the password; the other run listens', () => {
    expect(seen.unauthenticated).toContain('asked: HTTP Error 401');
    expect(seen.otherSelf).toContain('reached');
    expect(otherIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  test('the scaffold works with it', () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.error).toBeUndefined();
    const phases = report.e2e?.scaffolder?.phases.map((p) => [p.name, p.exitCode]);
    expect(phases).toEqual([
      ['scaffold', 0],
      ['setup', 2],
    ]);
    expect(report.e2e?.scaffolder?.phases[1]?.logTail).toContain('hostile: stopping after the scaffold');
  });

  test('no file written, no log line and nothing left in the worker holds the password', () => {
    const out = path.join(root, 'out');
    const files = {
      report: path.join(out, 'report.json'),
      summaryFile: path.join(out, 'summary.md'),
      junit: path.join(out, 'junit.xml'),
      html: path.join(out, 'report.html'),
    };
    expect(writeReportFiles(report, files, renderers)).toHaveLength(4);
    for (const file of Object.values(files)) expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD);
    expect(report.e2e?.template.source).toBe('http://***@gitserver:8080/hostile.git');
    expect(log.lines.some((l) => l.includes('gitserver:8080/hostile.git'))).toBe(true);
    expect(log.lines.join('\n')).not.toContain(PASSWORD);
    // After the scaffold and the scaffolder's setup: no file and no process's environment or command line.
    expect(seen.search?.trim()).toBe('hits: []');
  });
});

describe("the run's own network", () => {
  test("a worker reaches its own run's container, and not another run's worker", () => {
    expect(seen.own).toContain('reached');
    expect(seen.otherRun).toMatch(/^refused:/);
  });
});
