// What worker-gate's own scripts print in a worker, for the fake engine
// (test/unit/docker/fake-engine.ts): who the worker is, the image probe, the
// process reaper, the workers' identity. Every other command (the phases, the
// evidence) exits 0 with no output unless `answer` says otherwise; the phases
// are told apart by the make targets the tests give them (wg-setup, wg-lint,
// wg-test) and by their commands (copier, git clone, the push scripts).
import IMAGE_PROBE_SH from '../../../../src/e2e/worker/scripts/image-probe.sh';
import type { ExecAnswer, ExecCall, ExecHandler } from '../../docker/fake-engine.js';

export type PhaseName = 'scaffold' | 'clone' | 'setup' | 'lint' | 'test' | 'push' | 'floor' | 'other';

/** The targets the tests set, so a phase's command names it. */
export const TARGETS = { 'setup-target': 'wg-setup', 'lint-target': 'wg-lint', 'test-target': 'wg-test' };

/** Which phase (or other command) an exec is. */
export function phaseOf(call: ExecCall): PhaseName {
  const { text } = call;
  if (text.includes('copier') && text.includes(' copy ')) return 'scaffold';
  if (call.cmd[0] === 'git' && call.cmd[1] === 'clone') return 'clone';
  if (text.includes('make-profiled.sh wg-setup'))
    return call.opts.workdir && seenSetup(call) ? 'floor' : 'setup';
  if (text.includes('make-profiled.sh wg-lint')) return 'lint';
  if (text.includes('make-profiled.sh wg-test')) return 'test';
  if (text.includes('git push') || text.includes('push origin')) return 'push';
  return 'other';
}

// A worker's second setup is its floor.
const setups = new WeakMap<object, number>();
function seenSetup(call: ExecCall): boolean {
  const n = setups.get(call.container) ?? 0;
  setups.set(call.container, n + 1);
  return n > 0;
}

/** The shell of a fake worker: `answer` may answer any call first (undefined: the default). */
export function workerShell(
  answer: (call: ExecCall, phase: PhaseName) => ExecAnswer | undefined = () => undefined,
): ExecHandler {
  // `outer`: the call as the engine got it, which `answer` sees (a test may key on it); `call`:
  // the command the worker's shell runs in the end.
  const shell = (call: ExecCall, outer: ExecCall = call): ReturnType<ExecHandler> => {
    // The reap and the exec of ours after it, in one (reap.sh kill PID then CMD): the reap's
    // record, then CMD's answer, as the worker's shell runs them.
    const then = call.cmd.indexOf('then');
    if (then > 0 && call.cmd[then - 2] === 'kill' && call.cmd.some((a) => a.endsWith('reap.sh'))) {
      const cmd = call.cmd.slice(then + 1);
      return Promise.resolve(shell({ ...call, cmd, text: cmd.join(' ') }, outer)).then((inner) => ({
        ...inner,
        output: `@@wg reaped 0 0\n${inner?.output ?? ''}`,
      }));
    }
    // A phase paying the reap first (reap.sh kill PID phase|ours CMD): the record alone on stderr,
    // then CMD's answer; CMD in its folder (a cd after the reap), as the phase asked.
    const phase = call.cmd.findIndex((a) => a === 'phase' || a === 'ours');
    if (phase > 0 && call.cmd[phase - 2] === 'kill' && call.cmd.some((a) => a.endsWith('reap.sh'))) {
      let cmd = call.cmd.slice(phase + 1);
      let opts = call.opts;
      const cd = cmd.findIndex(
        (a, i) => a === '/bin/sh' && cmd[i + 1] === '-c' && cmd[i + 2]?.startsWith('cd -- '),
      );
      if (cd >= 0) {
        opts = { ...opts, workdir: cmd[cd + 3] as string };
        cmd = [...cmd.slice(0, cd), ...cmd.slice(cd + 4)];
      }
      return Promise.resolve(shell({ ...call, cmd, opts, text: cmd.join(' ') }, outer)).then((inner) => ({
        ...inner,
        stderr: `\n@@wg reaped 0 0 1\n${inner?.stderr ?? ''}`,
      }));
    }
    // After a scaffold, in front of the rest of its exec (read-project.sh PROJECT SCRATCH MAX MAX
    // REST…): its records on stderr (what `answer` says of it alone, else the scratch folder gone and
    // no files), then REST's answer; `… joined` runs REST with its stderr joined (none here).
    if (call.cmd[0] === 'sh' && (call.cmd[3] === 'read-project' || call.cmd[3] === 'joined')) {
      const own = call.cmd[3] === 'read-project' ? call.cmd.slice(0, 8) : call.cmd.slice(0, 4);
      const cmd = call.cmd.slice(own.length);
      const told =
        call.cmd[3] === 'read-project'
          ? (answer({ ...outer, cmd: own, text: own.join(' ') }, 'other')?.stderr ??
            '@@wg scratch-gone\n@@wg done\n')
          : '';
      return Promise.resolve(shell({ ...call, cmd, text: cmd.join(' ') }, outer)).then((inner) => ({
        ...inner,
        stderr: `${told}${inner?.stderr ?? ''}`,
      }));
    }
    // The evidence before a phase, in its exec (evidence.py … then CMD): its records on stderr (what
    // `answer` says of evidence.py alone, else that it ended), then CMD's answer.
    const evidenceThen = call.cmd.indexOf('then');
    if (evidenceThen > 0 && call.cmd.some((a) => a.endsWith('evidence.py'))) {
      const cmd = call.cmd.slice(evidenceThen + 1);
      const evidence = call.cmd.slice(0, evidenceThen);
      const told = answer({ ...outer, cmd: evidence, text: evidence.join(' ') }, 'other')?.output;
      return Promise.resolve(shell({ ...call, cmd, text: cmd.join(' ') }, outer)).then((inner) => ({
        ...inner,
        stderr: told ?? '@@wg ours 2\n@@wg done\n',
      }));
    }
    // A start that also probes the image (the scaffolder's): whoami's answer, then the probe's.
    const script = call.cmd[2] ?? '';
    if (call.cmd[0] === 'sh' && script.includes('wg user') && script.includes(IMAGE_PROBE_SH)) {
      const part = (s: string) => ({ ...call, cmd: ['sh', '-c', s], text: `sh -c ${s}` });
      const whoami = part(script.replace(IMAGE_PROBE_SH, ''));
      return Promise.all([shell(whoami, whoami), shell(part(IMAGE_PROBE_SH), part(IMAGE_PROBE_SH))]).then(
        ([who, probe]) => ({ ...who, output: `${who?.output ?? ''}${probe?.output ?? ''}` }),
      );
    }
    const root = call.container.spec.user === '0:0';
    const { text } = call;
    const given = answer(outer, phaseOf(call));
    if (given) return given;
    if (text.includes('wg user')) {
      // The start's one exec: who it is, its python3 (root can write it: found only), the idle process.
      const idle = text.includes('reap.sh idle') ? '@@wg idle 7\n' : '';
      return {
        output: `@@wg user ${root ? '0 0' : '1000 1000'}\n@@wg found /usr/local/bin/python3\n@@wg done\n${idle}`,
      };
    }
    if (text.includes('wg home'))
      return { output: '@@wg home /home/worker\n@@wg python 3.12.1\n@@wg uv uv 0.9.0\n@@wg done\n' };
    if (text.includes('command -v python3')) return { output: '/usr/local/bin/python3\n' };
    if (text.includes('reap.sh idle')) return { output: '@@wg idle 7\n' };
    if (text.includes('reap.sh kill')) return { output: '@@wg reaped 0 0\n' };
    if (text.includes('id -u; id -g')) return { output: '1000\n1000\n' };
    return undefined;
  };
  return (call) => shell(call);
}
