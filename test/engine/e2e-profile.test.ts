// The per-command profile of make phases (src/e2e/profile), in real workers:
// cheap single-container make runs for the shell, a failing recipe and time
// spent outside any recipe line; one e2e run on the shipped template for the
// recipe lines of make setup, uv's local builds and the categories' sum.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shippedTemplate } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId } from '../../src/docker/labels.js';
import { installProfiler, PROFILE_DIR, profiledMake } from '../../src/e2e/profile/install.js';
import { runPhase } from '../../src/e2e/run/phases.js';
import { startWorker, stopWorker, type Worker } from '../../src/e2e/worker/worker.js';
import { judge } from '../../src/judge/judge.js';
import { E2E_PHASES } from '../../src/judge/phases.js';
import { type Log, silentLog } from '../../src/model/log.js';
import type { PhaseProfile } from '../../src/model/report.js';
import { renderSummary } from '../../src/report/summary.js';
import { e2eOptions, runE2eChecked } from './e2e-helpers.js';
import { SLIM_IMAGE } from './images.js';

let engine: Engine;
beforeAll(async () => {
  engine = await connectEngine();
});

const makefile = (name: string) =>
  readFileSync(new URL(`../fixtures/e2e/profile/${name}.mk`, import.meta.url), 'utf8');

describe('make run through the timing shell, in one worker', () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await startWorker(engine, {
      image: SLIM_IMAGE,
      user: '',
      env: {},
      memoryBytes: 512 * 1024 * 1024,
      cpus: 1,
      runId: newRunId(),
      role: 'profile-make',
      volumes: {},
    });
    await installProfiler(worker);
    await worker.put('/tmp', [
      { name: 'p/', type: 'directory' },
      ...['bash', 'sleep', 'fail'].flatMap((name) => [
        { name: `p/${name}/`, type: 'directory' as const },
        { name: `p/${name}/Makefile`, content: makefile(name) },
      ]),
    ]);
  });
  afterAll(async () => {
    if (worker) await stopWorker(worker);
  });

  async function profiled(dir: string) {
    const lines: string[] = [];
    const log: Log = { ...silentLog, detail: (line) => lines.push(line) };
    const role = { worker: 'A' as const, layout: 'separate' as const, title: 'worker A (test)' };
    const req = {
      name: 'setup' as const,
      label: 'make',
      cmd: profiledMake(),
      workdir: `/tmp/p/${dir}`,
      timeoutSeconds: 60,
      profile: true,
    };
    const outcome = await runPhase(worker, role, req, log);
    // The failure as the judge words it from the failed phase.
    const failedPhases = outcome.failed ? [outcome.failed] : [];
    const facts = { finished: failedPhases.length === 0, uvDisagreements: [], failedPhases };
    const [failure] = judge(e2eOptions(), { command: 'e2e', e2eFacts: facts }, [E2E_PHASES]).failures;
    return { ...outcome, failure, lines, profile: outcome.phase.profile as PhaseProfile };
  }

  test('the profiler is root-owned and read-only; the worker cannot change it', async () => {
    // The refused write's message goes to stdout too: stdout and stderr are two pipes, read in no fixed order.
    const probe = await worker.exec([
      'sh',
      '-c',
      `stat -c '%U %a' ${PROFILE_DIR} ${PROFILE_DIR}/profile-shell.sh; { echo x >> ${PROFILE_DIR}/profile-shell.sh && echo wrote; } 2>&1`,
    ]);
    expect(probe.output).toContain('root 555\nroot 555\n');
    expect(probe.output).toContain('Permission denied');
    expect(probe.output).not.toContain('wrote');
  });

  test('SHELL := /bin/bash: each line runs under bash (a bash-only test passes) and is profiled with its target', async () => {
    const { phase, profile, lines } = await profiled('bash');
    expect(phase.exitCode).toBe(0);
    expect(lines).toContain('bash 5');
    expect(lines).toContain('second');
    expect(profile.lines.map((l) => [l.target, l.command, l.exitCode])).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the recipe line's own shell expansion.
      ['all', '[[ -n "$BASH_VERSION" ]] && echo "bash ${BASH_VERSINFO[0]}"', 0],
      ['all', 'echo second | cat', 0],
    ]);
    // No marker line reaches the log.
    expect(lines.join('\n')).not.toContain('\u001e');
  });

  test('a $(shell sleep 2) outside every recipe line is make overhead, not inside a command', async () => {
    const { profile } = await profiled('sleep');
    expect(profile.lines.map((l) => l.command)).toEqual(['echo quick']);
    const make = profile.categories.find((c) => c.id === 'make');
    // Positive control of the fixture: the phase took the sleep, the recipe line did not.
    expect(profile.seconds).toBeGreaterThan(2);
    expect(profile.lines[0]?.seconds).toBeLessThan(1);
    expect(make?.seconds).toBeGreaterThan(1.9);
    const commands = profile.categories.filter((c) => c.id === 'command');
    expect(commands.reduce((s, c) => s + c.seconds, 0)).toBeLessThan(1);
  });

  test('a failing recipe is profiled up to its failing line, which the failure names', async () => {
    const { phase, profile, failure } = await profiled('fail');
    expect(phase.exitCode).toBe(2);
    expect(profile.lines.map((l) => [l.target, l.command, l.exitCode])).toEqual([
      ['first', 'echo first', 0],
      ['all', 'echo before', 0],
      ['all', 'exit 3', 3],
    ]);
    expect(profile.failedLine).toMatchObject({ index: 2, target: 'all', command: 'exit 3', exitCode: 3 });
    expect(failure?.message).toContain('exited with 2; failing in target all at `exit 3` (exit 3); last');
    expect(phase.logTail).not.toContain('\u001e');
  });
});

describe('the shipped template, profiled end to end (one warm run)', () => {
  // Each phase's streamed lines, by the log group they came in (markers never reach the log).
  const groups = new Map<string, string[]>();
  let current = '';
  const log: Log = {
    ...silentLog,
    group: async (title, fn) => {
      current = title;
      groups.set(title, []);
      return fn();
    },
    detail: (line) => groups.get(current)?.push(line),
  };
  const linesOf = (pattern: RegExp) => [...groups].find(([title]) => pattern.test(title))?.[1] ?? [];
  const builtIn = (lines: string[]) =>
    lines.flatMap((l) => /^\s*Built (\S+) @ file:\/\//.exec(l)?.[1] ?? []).sort();

  let run: Awaited<ReturnType<typeof runE2eChecked>>;
  beforeAll(async () => {
    run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({ template: shippedTemplate(), 'warm-runs': '1' }),
      undefined,
      log,
    );
  });
  const phase = (worker: 'A' | 'B', name: string) =>
    run.report.e2e?.runs.find((r) => r.worker === worker)?.phases.find((p) => p.name === name);

  test('every recipe line of make setup, with its target, in the order make ran them', () => {
    expect(run.exitCode).toBe(0);
    const makefile = readFileSync(`${shippedTemplate()}/template/Makefile.jinja`, 'utf8');
    const recipe = /^setup:\n((?:\t.*\n)+)/m.exec(makefile)?.[1] ?? '';
    // Recipe lines: tab-led lines, a backslash continuing one onto the next.
    const expected = recipe
      .replace(/\\\n\t/g, ' ')
      .split('\n')
      .filter(Boolean).length;
    const profile = phase('A', 'setup')?.profile as PhaseProfile;
    expect(profile.lines).toHaveLength(expected);
    expect(profile.lines.map((l) => [l.target, l.name])).toEqual([
      ['setup', 'uv venv'],
      ['setup', 'uv pip install'],
      ['setup', 'uv sync'],
      ['setup', 'python -m framework.codegen'],
      ['setup', 'ruff format'],
      ['setup', 'git rev-parse'],
    ]);
    expect(profile.lines.every((l) => l.exitCode === 0)).toBe(true);
    for (const name of ['lint', 'test']) expect(phase('B', name)?.profile?.lines.length).toBeGreaterThan(0);
  });

  test('each local package is rebuilt or reused in the warm run and the floor as uv printed it', () => {
    const cold = builtIn(linesOf(/developer A .* · setup:/));
    // Positive control: the cold setup built the template's local packages.
    expect(cold).toEqual(['billing', 'framework', 'orders']);
    for (const [name, pattern] of [
      ['setup', /developer B .* · setup:/],
      ['floor', /developer B .* · floor:/],
    ] as const) {
      const printed = builtIn(linesOf(pattern));
      const profile = phase('B', name)?.profile as PhaseProfile;
      expect(profile.localBuilds.map((b) => b.name).sort()).toEqual(printed);
      expect(profile.localPackages).toEqual(
        cold.map((p) => ({ name: p, state: printed.includes(p) ? 'rebuilt' : 'reused' })),
      );
    }
    // The floor rebuilds the editable framework even with every venv present.
    expect(builtIn(linesOf(/developer B .* · floor:/))).toContain('framework');
  });

  test('the categories and the unexplained remainder add up to each phase; the reports show them', () => {
    const profiles = (run.report.e2e?.runs ?? []).flatMap((r) => r.phases.flatMap((p) => p.profile ?? []));
    expect(profiles.length).toBe(7); // A: setup lint test; B: setup lint test floor
    for (const p of profiles) {
      const sum = p.categories.reduce((s, c) => s + c.seconds, 0);
      expect(Math.abs(sum + p.unexplainedSeconds - p.seconds)).toBeLessThan(0.002);
      expect(p.categories.find((c) => c.id === 'make')).toBeDefined();
    }
    const summary = renderSummary(run.report);
    expect(summary).toContain('**Where the setup time goes**');
    expect(summary).toContain('Expected (never checked): a cold setup of 15–35 s and a warm one of 3–5 s');
    expect(summary).toMatch(/⏱️ largest cause of the warm setup: /);
    expect(run.report.e2e?.speedups?.map((s) => s.kind)).toContain('editable-rebuilds');
  });
});
