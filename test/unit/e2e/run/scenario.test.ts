// The e2e stage on the fake engine (test/unit/docker/fake-engine.ts): the
// order of its roles and phases, its stop on a failed phase, and that it
// removes everything it created, pass or fail. The engine tier runs the same
// code on a real engine.
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { type RawValues, resolveConfig } from '../../../../src/config/index.js';
import { toolRoot } from '../../../../src/config/shipped.js';
import { guardEngine } from '../../../../src/docker/guard.js';
import { runE2e } from '../../../../src/e2e/run/run-e2e.js';
import { REAP_PATH } from '../../../../src/e2e/worker/worker-tools.js';
import { CHECKS } from '../../../../src/judge/registry.js';
import { type Log, silentLog } from '../../../../src/model/log.js';
import { Redactor } from '../../../../src/model/redact.js';
import type { E2eReport } from '../../../../src/model/report.js';
import { processRunner } from '../../../../src/process/run.js';
import { EngineError, type ExecCall, FakeEngine, fakeImage } from '../../docker/fake-engine.js';
import { type PhaseName, TARGETS, workerShell } from './fake-shell.js';

const IMAGE = 'sha256:underTest';
const RUN = 'wg-scenario1-abcdef';

function options(overrides: RawValues = {}) {
  return resolveConfig({
    frontDoor: 'cli',
    checks: CHECKS,
    command: 'e2e',
    overrides: {
      image: IMAGE,
      template: 'https://templates.invalid/service.git',
      'warm-runs': '1',
      ...TARGETS,
      ...overrides,
    },
    env: {},
    cwd: tmpdir(),
    assetsDir: toolRoot(),
    readFile: () => {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
  });
}

async function e2eOn(fake: FakeEngine, overrides: RawValues = {}, log: Log = silentLog) {
  const engine = guardEngine(fake, { timeoutSeconds: 5 });
  const image = fakeImage(IMAGE);
  return runE2e(engine, {
    imageRef: IMAGE,
    facts: image,
    options: options(overrides),
    runId: RUN,
    log,
    runProcess: processRunner({ timeoutSeconds: 30, redactor: new Redactor() }),
  });
}

/** A log that keeps its warnings. */
function recordingLog(): Log & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLog, warnings, warn: (m: string) => warnings.push(m) } as Log & { warnings: string[] };
}

const phases = (e2e: E2eReport) => ({
  scaffolder: e2e.scaffolder?.phases.map((p) => p.name),
  runs: e2e.runs.map((r) => `${r.worker} ${r.kind} ${r.layout}: ${r.phases.map((p) => p.name).join(' ')}`),
});

describe('the scenario, in order', () => {
  test('the scaffolder, then per layout developer A (cold) and each warm B; then everything is removed', async () => {
    const fake = new FakeEngine({ images: [fakeImage(IMAGE)], exec: workerShell() });
    const { e2e, facts } = await e2eOn(fake, { 'cache-layout': 'both' });
    expect(facts.finished).toBe(true);
    expect(phases(e2e)).toEqual({
      scaffolder: ['scaffold', 'setup', 'push'],
      runs: [
        'A cold separate: clone setup lint test push',
        'B warm separate: clone setup lint test push floor',
        'A cold shared: clone setup lint test push',
        'B warm shared: clone setup lint test push floor',
      ],
    });
    // The containers in the order they were made, the network before any of them; the helper that
    // hands the origin to the workers' uid (the root scaffolder made it) starts beside the scaffold.
    expect(fake.calls('containers.create', 'networks.create')).toEqual([
      `networks.create ${RUN}-net`,
      'containers.create e2e-scaffolder',
      'containers.create e2e-handoff',
      'containers.create e2e-separate-a',
      'containers.create e2e-separate-b1',
      'containers.create e2e-shared-a',
      'containers.create e2e-shared-b1',
      // Last, beside the last developer's checks: the container that will empty the run's last
      // volumes (wipe.ts), waiting to be told.
      'containers.create e2e-wipe',
    ]);
    const journal = fake.journal;
    const at = (re: RegExp, which: 'first' | 'last') => {
      const found = journal.flatMap((c, i) => (re.test(c) ? [i] : []));
      return which === 'first' ? Math.min(...found) : Math.max(...found);
    };
    const made = journal.indexOf('containers.create e2e-wipe');
    const told = journal.indexOf('kill e2e-wipe SIGUSR1');
    const lastExec = at(/^exec e2e-shared-b1: /, 'last');
    const lastVolumes = journal.flatMap((c, i) => (i > told && c.startsWith('volumes.remove') ? [c] : []));
    // Made before the last developer's last phase; told once it is over; the volumes go after it.
    expect(made).toBeLessThan(lastExec);
    expect(told).toBeGreaterThan(lastExec);
    expect(at(/^containers\.remove e2e-wipe$/, 'first')).toBeGreaterThan(told);
    expect(Math.min(...lastVolumes.map((v) => journal.indexOf(v)))).toBeGreaterThan(
      at(/^containers\.remove e2e-wipe$/, 'first'),
    );
    // It held every volume left: the shared layout's one volume (cache and workspace), the other
    // layout's cache too, and the origin.
    expect(lastVolumes.sort()).toEqual(
      [
        `volumes.remove ${RUN}-origin`,
        `volumes.remove ${RUN}-separate-cache`,
        `volumes.remove ${RUN}-shared`,
      ].sort(),
    );
    // The run's network goes once its containers are, while the volumes are emptied.
    expect(at(/^networks\.remove /, 'first')).toBeGreaterThan(
      at(/^containers\.remove e2e-shared-b1$/, 'last'),
    );
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });

  test('cold-runs 2: the second cold run is a developer of its own on a fresh cache volume, taking turns with the warm runs', async () => {
    const fake = new FakeEngine({ images: [fakeImage(IMAGE)], exec: workerShell() });
    const { e2e } = await e2eOn(fake, { 'cold-runs': '2', 'warm-runs': '2' });
    expect(phases(e2e).runs).toEqual([
      'A cold separate: clone setup lint test push',
      'B warm separate: clone setup lint test push',
      'A cold separate: clone setup lint test push',
      'B warm separate: clone setup lint test push floor',
    ]);
    expect(fake.calls('containers.create').filter((c) => c.includes('e2e-separate'))).toEqual([
      'containers.create e2e-separate-a',
      'containers.create e2e-separate-b1',
      'containers.create e2e-separate-a2',
      'containers.create e2e-separate-b2',
    ]);
    expect(fake.calls('volumes.create')).toContain(`volumes.create ${RUN}-separate-cache-a2`);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });

  test('a failed phase stops the scenario there: no later phase, and the worker started ahead for B runs nothing; the clean-up still runs', async () => {
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: workerShell((call, phase) =>
        phase === 'lint' && call.container.name === 'e2e-separate-a'
          ? { exitCode: 2, output: 'ruff: 3 errors\n' }
          : undefined,
      ),
    });
    const { e2e, facts } = await e2eOn(fake, { 'cache-layout': 'both' });
    expect(facts.finished).toBe(false);
    expect(facts.failedPhases.map((f) => `${f.worker} ${f.name}`)).toEqual(['A lint']);
    expect(phases(e2e).runs).toEqual(['A cold separate: clone setup lint']);
    // B's worker started beside A's lint, before the lint failed; nothing ran in it.
    expect(fake.calls('containers.create').slice(-4)).toEqual([
      'containers.create e2e-handoff',
      'containers.create e2e-separate-a',
      'containers.create e2e-separate-b1',
      'containers.create e2e-wipe',
    ]);
    expect(
      fake.calls('exec').filter((c) => c.startsWith('exec e2e-separate-b1:') && /git clone|make/.test(c)),
    ).toEqual([]);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });

  test('a failed scaffold stops before any developer; its scratch folder goes all the same, with the reap', async () => {
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: workerShell((_, phase: PhaseName) => (phase === 'scaffold' ? { exitCode: 1 } : undefined)),
    });
    const { e2e, facts } = await e2eOn(fake);
    expect(facts.failedPhases.map((f) => `${f.worker} ${f.name}`)).toEqual(['scaffolder scaffold']);
    expect(phases(e2e)).toEqual({ scaffolder: ['scaffold'], runs: [] });
    expect(
      fake
        .calls('exec')
        .filter((c) => c.startsWith('exec e2e-scaffolder:'))
        .at(-1),
    ).toMatch(/reap\.sh kill 7 phase rm -rf \/tmp\/worker-gate$/);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });

  test("a failed scaffolder's setup: the handoff helper started beside the scaffold goes, under --keep too, without a complaint", async () => {
    for (const keep of [false, true]) {
      const fake = new FakeEngine({
        images: [fakeImage(IMAGE)],
        exec: workerShell((call, phase: PhaseName) =>
          phase === 'setup' && call.container.name === 'e2e-scaffolder' ? { exitCode: 1 } : undefined,
        ),
      });
      const log = recordingLog();
      const { facts } = await e2eOn(fake, { keep: keep ? 'true' : 'false' }, log);
      expect(facts.failedPhases.map((f) => `${f.worker} ${f.name}`)).toEqual(['scaffolder setup']);
      // Not vacuous: the helper was started.
      expect(fake.calls('containers.create')).toContain('containers.create e2e-handoff');
      expect(fake.left().containers).toEqual(keep ? ['e2e-scaffolder'] : []);
      expect(log.warnings.filter((w) => w.includes('clean-up'))).toEqual([]);
    }
  });

  test('--keep keeps the failed worker, its volumes and the network it is on, and removes the rest without a complaint', async () => {
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: workerShell((call, phase) =>
        phase === 'test' && call.container.name === 'e2e-separate-b1' ? { exitCode: 1 } : undefined,
      ),
    });
    const log = recordingLog();
    const { e2e } = await e2eOn(fake, { keep: 'true' }, log);
    const kept = [`${RUN}-origin`, `${RUN}-separate-cache`, `${RUN}-separate-ws-b1`];
    expect(e2e.kept?.volumes.sort()).toEqual(kept);
    expect(fake.left()).toEqual({ containers: ['e2e-separate-b1'], volumes: kept, networks: [`${RUN}-net`] });
    expect(log.warnings.filter((w) => w.includes('clean-up'))).toEqual([]);
  });

  test('dead volumes go during the run, beside the checks and pushes, never beside a setup; nothing is left', async () => {
    // Removals slow enough to overlap whatever runs next, as a volume full of venvs does.
    let removing = 0;
    const beside: string[] = [];
    let leftAtFloor: string[] = [];
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: workerShell((call, phase) => {
        if (removing > 0 && phase !== 'lint' && phase !== 'test' && phase !== 'push' && phase !== 'other')
          beside.push(`${call.container.name} ${phase}`);
        if (phase === 'floor') leftAtFloor = [...fake.volumeState.keys()];
        return undefined;
      }),
    });
    const remove = fake.volumes.remove;
    fake.volumes.remove = async (name: string) => {
      removing++;
      try {
        await new Promise((r) => setTimeout(r, 50));
        return await remove(name);
      } finally {
        removing--;
      }
    };
    const { facts } = await e2eOn(fake);
    expect(facts.finished).toBe(true);
    expect(beside).toEqual([]);
    // By developer B's floor, the scaffolder's volumes and A's workspace are gone.
    expect(leftAtFloor.sort()).toEqual([`${RUN}-origin`, `${RUN}-separate-cache`, `${RUN}-separate-ws-b1`]);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });

  test('what a phase leaves is reaped before any later phase, in the exec of ours that follows it where one does', async () => {
    const phaseOfCall = new WeakMap<object, PhaseName>();
    const shell = workerShell((call, phase) => {
      phaseOfCall.set(call, phase);
      // Developers with a python3 they cannot change, as the slim image's: their evidence runs.
      if (call.text.includes('wg user') && call.container.spec.user !== '0:0')
        return {
          output: '@@wg user 1000 1000\n@@wg python /usr/local/bin/python3\n@@wg idle 7\n@@wg done\n',
        };
      return undefined;
    });
    const execs: { who: string; phase: PhaseName; cmd: string[] }[] = [];
    const reaps = (cmd: string[]) => cmd.some((a) => a.endsWith('reap.sh')) && cmd.includes('kill');
    // Every phase's leftovers are killed (the reap done, not only begun) before the next phase of any
    // worker starts: reaps take time, as on a real engine; a phase's exec may pay only its own
    // worker's debt, first (reap.sh kill PID phase CMD).
    const owing = new Set<string>();
    const reaping = new Set<string>();
    const broken: string[] = [];
    const paidInPhase: string[] = [];
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: async (call) => {
        const who = call.container.name;
        if (reaps(call.cmd)) {
          reaping.add(who);
          await new Promise((r) => setTimeout(r, 20));
          reaping.delete(who);
          owing.delete(who);
        }
        const answer = await shell(call);
        // The phase as the outer command reads (the fake shell unwraps a merged one for its answer).
        const phase = phaseOfCall.get(call) ?? 'other';
        if (phase !== 'other') {
          const own = call.cmd.includes('phase') || call.cmd.includes('ours');
          if (owing.size > 0 || reaping.size > 0 || (reaps(call.cmd) && !own))
            broken.push(`${who} ${phase} beside ${[...owing, ...reaping].join(', ') || 'a reap'}`);
          if (reaps(call.cmd)) paidInPhase.push(`${who} ${phase}`);
          owing.add(who);
        }
        execs.push({ who, phase, cmd: call.cmd });
        return answer;
      },
    });
    const { e2e, facts } = await e2eOn(fake, { 'cache-layout': 'separate' });
    expect(facts.finished).toBe(true);
    expect(broken).toEqual([]);
    const after: string[] = [];
    let last: { who: string; phase: PhaseName } | undefined;
    for (const e of execs) {
      if (e.phase !== 'other') {
        last = { who: e.who, phase: e.phase };
        continue;
      }
      // The exec right after a phase, in its worker: what paid its debt.
      if (last && e.who === last.who) {
        const then = Math.max(e.cmd.indexOf('then'), e.cmd.indexOf('phase'));
        const rest = e.cmd.slice(then + 1).join(' ');
        after.push(`${last.phase}: ${then < 0 ? 'reap alone' : `reap ${e.cmd[then]} ${rest}`}`);
        last = undefined;
      }
    }
    // A's listing just before its setup is the workers' cache as A found it: none of its own before the clone.
    const aClones = execs.findIndex((e) => e.who === 'e2e-separate-a' && e.phase === 'clone');
    const aEvidence = execs
      .slice(0, aClones)
      .filter((e) => e.who === 'e2e-separate-a' && e.cmd.some((a) => a.endsWith('evidence.py')));
    expect(aEvidence).toEqual([]);
    expect(e2e.scaffolder?.workersCacheVolume).toMatchObject({ name: `${RUN}-separate-cache` });
    // A command whose output is not records only (the scratch folder's removal after the scaffold)
    // has the reap's record on stderr, as a phase does. Nothing of ours comes between a clone and its
    // setup: the evidence before the setup is in the setup's own exec, with the clone's reap. Nor
    // between a setup and its worker's next phase (the scaffolder's push, a developer's lint): that
    // phase's exec reaps what the setup left, gathers the evidence after it, then runs the phase.
    expect(after.filter((a) => a.startsWith('scaffold:'))).toEqual([
      expect.stringMatching(/^scaffold: reap then [\s\S]* make -pRrq /),
    ]);
    // (Developer A's reap alone pays for a stat of the workers' cache folder, as this fake's
    // evidence does not tell its owner.)
    expect(after.filter((x) => x.startsWith('setup:'))).toEqual(['setup: reap alone']);
    const nextAfterSetups = execs.flatMap((e, i) =>
      e.phase === 'setup' ? [execs.slice(i + 1).find((n) => n.who === e.who && n.phase !== 'other')] : [],
    );
    expect(nextAfterSetups.map((n) => `${n?.who} ${n?.phase}`)).toEqual([
      'e2e-scaffolder push',
      'e2e-separate-a lint',
      'e2e-separate-b1 lint',
    ]);
    for (const n of nextAfterSetups)
      expect(n?.cmd.join(' ')).toMatch(
        /^(\/bin\/sh \S+reap\.sh kill 7 ours )?\S+python3 -I -S \S+evidence\.py cache(\+bytes)? \S+ project \S+ then /,
      );
    expect(after.filter((x) => x.startsWith('clone:'))).toEqual([]);
    const setups = execs.filter((e) => e.phase === 'setup');
    const reapOf = (cmd: string[]) => (cmd.includes('kill') ? cmd[cmd.indexOf('kill') + 2] : 'no reap');
    // Each setup pays what came before it in its own exec: the scaffolder's, what reading the Makefile left.
    expect(setups.map((e) => reapOf(e.cmd))).toEqual(['ours', 'ours', 'ours']);
    for (const e of setups) expect(e.cmd.join(' ')).toMatch(/evidence\.py sync cache(\+bytes)? \S+ then /);
    // A released worker's last phase is reaped before the next worker's phase, except the run's
    // last: its leftovers go with its container (the wiper started ahead is told at once).
    const lastOf = (who: string) => execs.filter((e) => e.who === who).at(-1);
    expect(lastOf('e2e-separate-a')?.cmd.slice(0, 3)).toEqual(['/bin/sh', REAP_PATH, 'kill']);
    expect(lastOf('e2e-separate-b1')?.phase).toBe('floor');
    // The checks and the push follow a phase of their own worker: each pays that phase's debt first, in its own exec.
    for (const who of ['e2e-separate-a', 'e2e-separate-b1'])
      expect(
        paidInPhase.filter((p) => p.startsWith(who)),
        paidInPhase.join('\n'),
      ).toEqual(expect.arrayContaining([`${who} test`, `${who} push`]));
  });

  test("a root scaffolder's handoff helper starts beside the scaffold, and the handover is one exec in it", async () => {
    const fake = new FakeEngine({ images: [fakeImage(IMAGE)], exec: workerShell() });
    const { facts } = await e2eOn(fake, { 'cache-layout': 'separate' });
    expect(facts.finished).toBe(true);
    const journal = fake.journal.map((c) => c.slice(0, 60));
    const created = journal.indexOf('containers.create e2e-handoff');
    // Its exec lists the cache first (evidence.py … then), then runs the scaffold.
    const scaffold = fake.journal.findIndex(
      (c) => c.startsWith('exec e2e-scaffolder: ') && c.includes("sh -c # The scaffolder's scaffold"),
    );
    const push = journal.findIndex((c) => c.startsWith("exec e2e-scaffolder: sh -c # The scaffolder's last"));
    const handover = journal.findIndex((c) => c.startsWith("exec e2e-handoff: sh -c # Production's mount"));
    // Made once, before the scaffold's exec returned (beside it), and used after the push.
    expect(journal.filter((c) => c === 'containers.create e2e-handoff')).toHaveLength(1);
    expect(created).toBeGreaterThan(-1);
    expect(created).toBeLessThan(scaffold);
    expect(handover).toBeGreaterThan(push);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });

  test("without a python3 the worker cannot change (no evidence), the cache folders' owners come from a stat", async () => {
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: workerShell((call) =>
        call.text ===
        `stat -c %u ${call.container.name === 'e2e-scaffolder' ? '/root/.cache/uv' : '/home/worker/.cache/uv'}`
          ? { output: call.container.name === 'e2e-scaffolder' ? '0\n' : '1000\n' }
          : undefined,
      ),
    });
    const { e2e, facts } = await e2eOn(fake, { 'cache-layout': 'separate' });
    expect(facts.finished).toBe(true);
    expect(e2e.scaffolder?.workersCacheVolume).toMatchObject({ ownerUid: 1000, entries: null });
    expect(e2e.scaffolder?.cacheVolume.ownerUid).toBe(0);
  });

  test("a worker's start is one exec after its tools went in: who it is, its python3 and the idle process", async () => {
    const shell = workerShell();
    const execs: { who: string; text: string }[] = [];
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: (call) => {
        execs.push({ who: call.container.name, text: call.text });
        return shell(call);
      },
    });
    const { facts } = await e2eOn(fake, { 'cache-layout': 'separate' });
    expect(facts.finished).toBe(true);
    const scaffolder = fake.journal
      .filter((c) => c.includes(' e2e-scaffolder'))
      .map((c) => c.replace(/^(\S+) e2e-scaffolder: /, '$1 '));
    // The journal keeps an exec's first 120 characters: the scaffold's begins with the cache's listing.
    const firstPhase = scaffolder.findIndex((c) => /evidence\.py cache \S+ then/.test(c));
    // One archive (the tools, the profiler and a root scaffolder's own files, all root's), then one
    // exec for uid, python3, the idle process and the image probe; the cache's listing is in the
    // scaffold's own exec, before copier.
    expect(scaffolder.slice(0, firstPhase).map((c) => c.split(' ')[0])).toEqual([
      'containers.create',
      'start',
      'put',
      'exec',
    ]);
    const scaffold = execs.find((e) => e.who === 'e2e-scaffolder' && e.text.includes('evidence.py'))?.text;
    expect(scaffold).toMatch(
      /evidence\.py cache \/root\/\.cache\/uv then sh -c # The scaffolder's scaffold phase/,
    );
    const start = execs.find((e) => e.who === 'e2e-scaffolder')?.text ?? '';
    expect(start).toContain('wg user');
    expect(start).toContain('reap.sh idle');
    expect(start).toContain('wg home');
    // The image is probed once, in the scaffolder's start: no exec of its own.
    expect(execs.filter((e) => e.text.includes('wg home') && !e.text.includes('wg user'))).toEqual([]);
    // No worker looks for its idle process, or for root's python3, in an exec of its own.
    const alone = execs.filter(
      (e) =>
        (e.text.includes('reap.sh idle') && !e.text.includes('wg user')) ||
        e.text === 'sh -c command -v python3',
    );
    expect(alone).toEqual([]);
  });

  test("the next developer's worker starts beside the scaffold or a check, never beside a setup, a clone or the floor; the previous one is gone before the setup", async () => {
    // Phases and every other engine call take time, as on a real engine; each setup, floor and
    // clone notes what else is in flight on the engine for another container, as it starts and ends.
    const inFlight = new Map<number, string>();
    let next = 0;
    const beside: string[] = [];
    const events: string[] = [];
    const phaseOfCall = new WeakMap<object, string>();
    const shell = workerShell((call, phase) => {
      phaseOfCall.set(call, phase);
      return undefined;
    });
    const look = (self: string, phase: string) => {
      if (phase !== 'setup' && phase !== 'clone' && phase !== 'floor') return;
      for (const other of inFlight.values()) {
        // A finished worker's removal may run beside the next one's clone, never later.
        const allowed = phase === 'clone' && other.startsWith('containers.remove ');
        if (!other.includes(self) && !allowed) beside.push(`${self} ${phase} beside ${other}`);
      }
    };
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: async (call) => {
        const answer = await shell(call);
        const phase = phaseOfCall.get(call) ?? 'other';
        const self = call.container.name;
        if (phase === 'other') return answer;
        events.push(`${self} ${phase}`);
        look(self, phase);
        await new Promise((r) => setTimeout(r, 40));
        look(self, phase);
        return answer;
      },
    });
    type Call = (op: string, subject: string, run: () => unknown) => Promise<unknown>;
    const engine = fake as unknown as { call: Call };
    const call: Call = engine.call.bind(fake);
    engine.call = async (op, subject, run) => {
      if (op === 'containers.create') events.push(`create ${subject}`);
      if (op === 'exec') return call(op, subject, run);
      const id = next++;
      inFlight.set(id, `${op} ${subject}`);
      try {
        // A container's removal outlasts a clone, as a real one can.
        await new Promise((r) => setTimeout(r, op === 'containers.remove' ? 60 : 10));
        return await call(op, subject, run);
      } finally {
        inFlight.delete(id);
      }
    };
    const { facts } = await e2eOn(fake, { 'warm-runs': '2', 'cache-layout': 'both' });
    expect(facts.finished).toBe(true);
    expect(beside).toEqual([]);
    // A's worker is made beside the scaffold, B1's beside A's lint, B2's beside B1's lint, the
    // next layout's A beside B2's lint.
    const at = (e: string) => events.indexOf(e);
    const between = (e: string, from: string, to: string) => [at(from) < at(e), at(e) < at(to)];
    expect(between('create e2e-separate-a', 'e2e-scaffolder scaffold', 'e2e-scaffolder setup')).toEqual([
      true,
      true,
    ]);
    expect(between('create e2e-separate-b1', 'e2e-separate-a lint', 'e2e-separate-a test')).toEqual([
      true,
      true,
    ]);
    expect(between('create e2e-separate-b2', 'e2e-separate-b1 lint', 'e2e-separate-b1 test')).toEqual([
      true,
      true,
    ]);
    expect(between('create e2e-shared-a', 'e2e-separate-b2 lint', 'e2e-separate-b2 test')).toEqual([
      true,
      true,
    ]);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });

  test('no worker starts ahead where it must wait: on the scaffolder’s own cache (shared) or with a mounted handoff', async () => {
    for (const overrides of [
      { 'scaffold-cache': 'shared', 'scaffolder-user': 'image' },
      { handoff: 'mount', 'handoff-path': '/workspace/project' },
    ]) {
      const events: string[] = [];
      const fake = new FakeEngine({
        images: [fakeImage(IMAGE)],
        exec: workerShell((call, phase) => {
          events.push(`${call.container.name} ${phase}`);
          return undefined;
        }),
      });
      const create = fake.containers.create;
      fake.containers.create = async (spec) => {
        events.push(`create ${spec.labels['worker-gate.role']}`);
        return create(spec);
      };
      const { facts } = await e2eOn(fake, overrides);
      expect(facts.finished).toBe(true);
      const pushed = events.indexOf('e2e-scaffolder push');
      const a = events.indexOf('create e2e-separate-a');
      expect([pushed > 0, a > pushed]).toEqual([true, true]);
    }
  });

  test("an engine error mid-scenario is the stage's error, and what was made is still removed", async () => {
    const fake = new FakeEngine({ images: [fakeImage(IMAGE)], exec: workerShell() }).failOn(
      'containers.create',
      new EngineError(500, 'no space left on device'),
      (role) => role === 'e2e-separate-b1',
    );
    await expect(e2eOn(fake)).rejects.toThrow('no space left on device');
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });
});

test("after a scaffold that passed, one exec: its leftovers reaped, the Python asked, the scratch folder gone, the project's files, then the Makefile", async () => {
  const execs: string[][] = [];
  // read-project.sh's records, then make's database (the command that runs in its place).
  const shell = workerShell((call) =>
    call.cmd[3] === 'read-project'
      ? { stderr: '@@wg scratch-gone\n@@wg begin file 9 Makefile\n| wg-setup:\n@@wg end\n@@wg done\n' }
      : call.cmd.includes('-pRrq')
        ? { output: '# Files\nwg-setup:\nwg-lint:\nwg-test:\n# Finished Make data base\n', exitCode: 1 }
        : undefined,
  );
  const fake = new FakeEngine({
    images: [fakeImage(IMAGE)],
    exec: (call) => {
      if (call.container.name === 'e2e-scaffolder') execs.push(call.cmd);
      return shell(call);
    },
  });
  const log = recordingLog();
  const { facts } = await e2eOn(fake, {}, log);
  expect(facts.finished).toBe(true);
  const scaffold = execs.findIndex((c) => c.join(' ').includes("The scaffolder's scaffold phase"));
  const setup = execs.findIndex((c) => c.join(' ').includes('make-profiled.sh wg-setup'));
  const between = execs.slice(scaffold + 1, setup);
  expect(between).toHaveLength(1);
  const [read] = between;
  const text = read?.join(' ') ?? '';
  // The reap, read-project.sh in front (the scratch folder, the files), evidence.py asking the Python, make.
  expect(read?.slice(0, 6)).toEqual(['/bin/sh', REAP_PATH, 'kill', '7', 'ours', 'sh']);
  expect(read?.slice(8, 13)).toEqual([
    'read-project',
    '/data/workspaces/project',
    '/tmp/worker-gate',
    '262144',
    '64',
  ]);
  expect(text).toMatch(
    / \S+python3 -I -S \S+evidence\.py ask \/data\/workspaces\/project then .* make -pRrq -f Makefile /,
  );
  // The targets were read from it (no warning that they were not), and the project's files.
  expect(log.warnings.filter((w) => w.includes('targets') || w.includes('hooks, Makefile'))).toEqual([]);
});

test("a Python that cannot fit the project (the model's rule) stops the scenario before the first setup", async () => {
  // evidence.py ask alone: the fake shell asks this of the evidence in front of a command (… then).
  const askOf = (call: ExecCall) =>
    call.cmd.some((a) => a.endsWith('evidence.py')) && call.cmd.includes('ask') && !call.cmd.includes('then');
  const fake = new FakeEngine({
    images: [fakeImage(IMAGE)],
    exec: workerShell((call) =>
      call.text.includes('wg home')
        ? { output: '@@wg home /home/worker\n@@wg python 3.11.9\n@@wg done\n' }
        : askOf(call)
          ? {
              output:
                '@@wg ask\n@@wg begin pyproject pyproject.toml\n| [project]\n| requires-python = ">=3.12"\n@@wg end\n@@wg done\n',
            }
          : undefined,
    ),
  });
  const { e2e, facts } = await e2eOn(fake);
  expect(facts.python).toEqual({
    python: '3.11.9',
    ask: { requiresPython: [{ file: 'pyproject.toml', spec: '>=3.12' }] },
  });
  expect(facts.finished).toBe(false);
  expect(facts.failedPhases).toEqual([]);
  expect(phases(e2e)).toEqual({ scaffolder: ['scaffold'], runs: [] });
  expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
});

describe('the evidence after a setup, carried by the next phase of its worker', () => {
  const carries = (call: ExecCall) =>
    call.cmd.some((a) => a.endsWith('evidence.py')) &&
    call.cmd.includes('project') &&
    call.cmd.includes('then');
  // Developers with a python3 they cannot change, as the slim image's: their evidence runs.
  const withPython = (call: ExecCall) =>
    call.text.includes('wg user') && call.container.spec.user !== '0:0'
      ? { output: '@@wg user 1000 1000\n@@wg python /usr/local/bin/python3\n@@wg idle 7\n@@wg done\n' }
      : undefined;
  // evidence.py with nothing after its own arguments (after a reap's `then`, if any).
  const alone = (call: ExecCall) => {
    const at = call.cmd.findIndex((a) => a.endsWith('evidence.py'));
    return at >= 0 && call.cmd.includes('project') && !call.cmd.slice(at).includes('then');
  };

  test("the scaffolder's push carries it: its report's cache listing and owner come from there, with no exec of their own", async () => {
    const shell = workerShell();
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: async (call) => {
        const answer = await shell(call);
        if (call.container.name !== 'e2e-scaffolder' || !carries(call)) return answer;
        // What evidence.py says on stderr after the reap's record: two distributions, root's folder.
        const listed =
          '@@wg cache\n@@wg entry a-1.0\n@@wg entry b-2.0\n@@wg owner 0\n@@wg project 0\n@@wg ours 3\n@@wg done\n';
        return { ...answer, stderr: `\n@@wg reaped 0 0 1\n${listed}` };
      },
    });
    const { e2e, facts } = await e2eOn(fake, { 'cache-layout': 'separate' });
    expect(facts.finished).toBe(true);
    expect(e2e.scaffolder?.cacheVolume).toMatchObject({ entries: 2, ownerUid: 0 });
    const scaffolderExecs = fake.calls('exec').filter((c) => c.startsWith('exec e2e-scaffolder:'));
    expect(scaffolderExecs.filter((c) => c.includes('stat -c'))).toEqual([]);
    // The evidence after each setup was never gathered in an exec of its own.
    expect(
      fake.calls('exec').filter((c) => /evidence\.py cache\S* \S+ project /.test(c) && !c.includes(' then ')),
    ).toEqual([]);
  });

  test('a setup that fails has it gathered at once, in an exec of its own: no later phase would carry it', async () => {
    const standalone: string[] = [];
    const shell = workerShell((call, phase) =>
      phase === 'setup' && call.container.name === 'e2e-separate-a' ? { exitCode: 2 } : withPython(call),
    );
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: (call) => {
        if (alone(call)) standalone.push(call.container.name);
        return shell(call);
      },
    });
    const { e2e, facts } = await e2eOn(fake, { 'cache-layout': 'separate' });
    expect(facts.failedPhases.map((f) => `${f.worker} ${f.name}`)).toEqual(['A setup']);
    expect(phases(e2e).runs).toEqual(['A cold separate: clone setup']);
    // The scaffolder's setup passed: its push carried it.
    expect(standalone).toEqual(['e2e-separate-a']);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });

  test('a next phase that times out: what evidence.py wrote before it is still read (no wait for it), and the run ends', async () => {
    const log = recordingLog();
    let lint = '';
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: workerShell((call, phase) => {
        if (phase !== 'lint' || call.container.name !== 'e2e-separate-a') return withPython(call);
        lint = call.text;
        return { timedOut: true, exitCode: null };
      }),
    });
    const { e2e, facts } = await e2eOn(fake, { 'cache-layout': 'separate' }, log);
    expect(facts.failedPhases.map((f) => `${f.worker} ${f.name}`)).toEqual(['A lint']);
    expect(phases(e2e).runs).toEqual(['A cold separate: clone setup lint']);
    expect(lint).toMatch(/evidence\.py cache\+bytes \S+ project \/workspace\/project then /);
    // This fake's evidence.py says only that it ended: both listings are missing, each said once.
    expect(log.warnings.filter((w) => w.startsWith('developer A') && w.includes('no evidence'))).toEqual([
      expect.stringContaining('evidence.py sync cache+bytes /home/worker/.cache/uv: no cache listing'),
      expect.stringContaining(
        'evidence.py cache+bytes /home/worker/.cache/uv project /workspace/project: no cache listing',
      ),
    ]);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  });
});
