// The per-command profile of make phases (src/e2e/profile), in real workers:
// cheap single-container make runs for the shell, a failing recipe and time
// spent outside any recipe line; one e2e run on the shipped template for the
// recipe lines of make setup, uv's local builds and the categories' sum.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/docker/engine.js';
import { connectEngine } from '../../src/docker/engine.js';
import { newRunId } from '../../src/docker/labels.js';
import { runPhase } from '../../src/e2e/phases.js';
import { installProfiler, PROFILE_DIR, profiledMake } from '../../src/e2e/profile/install.js';
import { startWorker, stopWorker, type Worker } from '../../src/e2e/worker.js';
import { type Log, silentLog } from '../../src/log.js';
import type { Phase, PhaseProfile } from '../../src/report/types.js';
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
    return { ...outcome, lines, profile: outcome.phase.profile as PhaseProfile };
  }

  test('the profiler is root-owned and read-only; the worker cannot change it', async () => {
    const probe = await worker.exec([
      'sh',
      '-c',
      `stat -c '%U %a' ${PROFILE_DIR} ${PROFILE_DIR}/profile-shell.sh; echo x >> ${PROFILE_DIR}/profile-shell.sh && echo wrote`,
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
