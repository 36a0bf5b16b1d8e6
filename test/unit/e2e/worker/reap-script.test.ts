// scripts/reap.sh run with this host's sh, as the worker gets it (the record
// writer in front), inside a PID namespace of its own so that "every process of
// this user" means only the ones the test started: PID 1 stands for the
// worker's init, its first child for the idle process. Needs root for unshare.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { toolEntries } from '../../../../src/e2e/worker/worker-tools.js';
import { fields, parseRecords } from '../../../../src/model/script-records.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wg-reap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const reap = path.join(dir, 'reap.sh');
const installed = toolEntries(undefined).find((e) => e.name.endsWith('/reap.sh'))?.content;
writeFileSync(reap, installed ?? '');

const isolated =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { timeout: 10_000 }).status === 0;

// The idle process and its sleep, then a phase's leftovers: one in the background, one
// orphaned (its parent gone, as a daemonizing tool leaves it).
const SCENE = `sh -c 'while :; do sleep 3600; done' & idle=$!
sleep 1000 &
( sleep 1000 & )
sleep 0.3
sh "$1" idle
sh "$1" kill "$idle"
read -r _ _ state _ < /proc/$idle/stat
echo "@@wg idle-state $state"
`;

// Not skipped when the host cannot: a skipped test proves nothing, so it fails and says why.
describe('reap.sh in a PID namespace', () => {
  test('this host can make a PID namespace (root and unshare --pid --mount-proc)', () => {
    expect(isolated, 'run the unit tier as root on a host with unshare (util-linux)').toBe(true);
  });

  test("finds the idle process, kills every leftover of the user's and spares the idle one", () => {
    const out = execFileSync(
      'unshare',
      ['--pid', '--fork', '--mount-proc', 'sh', '-c', SCENE, 'scene', reap],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    const records = parseRecords(out);
    const text = (kind: string) => records.find((r) => r.kind === kind)?.text;
    // The idle process is PID 1's first child: pid 2 in the fresh namespace.
    expect(text('idle')).toBe('2');
    expect(fields(text('reaped') ?? '', 2)).toEqual(['2', '0']);
    expect(text('idle-state')).toMatch(/^[RS]$/);
  });

  // The reap and the exec of ours that follows a phase, in one exec: the command runs only
  // once nothing of the phase is left, and after the reaped record.
  const THEN = `sh -c 'while :; do sleep 3600; done' & idle=$!
sleep 1000 &
( sleep 1000 & )
sleep 0.3
sh "$1" kill "$idle" then sh -c 'echo "@@wg after $(ls /proc | grep -c "^[0-9]")"; echo "@@wg done"'
echo "@@wg status $?"
`;

  test('kill … then CMD: reaps first, then runs CMD in its place, its output after the record', () => {
    const out = execFileSync(
      'unshare',
      ['--pid', '--fork', '--mount-proc', 'sh', '-c', THEN, 'scene', reap],
      { encoding: 'utf8', timeout: 30_000 },
    );
    const records = parseRecords(out);
    expect(records.map((r) => r.kind)).toEqual(['reaped', 'after', 'done', 'status']);
    expect(fields(records[0]?.text ?? '', 2)).toEqual(['2', '0']);
    // PID 1, the scene's shell, the idle loop and its sleep, the command's sh, ls and grep: the sleepers are gone.
    expect(Number(records[1]?.text)).toBeLessThanOrEqual(7);
    expect(records[3]?.text).toBe('0');
  });

  // In a PID namespace too: a reap.sh that did not refuse would kill every process of this user.
  const REFUSED = `sh -c 'while :; do sleep 3600; done' & idle=$!
sleep 1000 & sleeper=$!
sleep 0.3
sh "$1" kill "$idle" then; echo "@@wg alone $?"
sh "$1" kill "$idle" and true; echo "@@wg other $?"
kill -0 "$sleeper" && echo "@@wg sleeper alive"
`;

  test('kill … then with no command, or another word, is refused before anything is killed', () => {
    const out = execFileSync(
      'unshare',
      ['--pid', '--fork', '--mount-proc', 'sh', '-c', REFUSED, 'scene', reap],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(parseRecords(out).map((r) => `${r.kind} ${r.text}`)).toEqual([
      'alone 2',
      'other 2',
      'sleeper alive',
    ]);
  });

  // Before a phase: a leftover writes a forged record to stderr before it dies; the project's
  // command prints to both streams. Stdout and stderr read apart, as the engine gives them.
  const PHASE = `sh -c 'while :; do sleep 3600; done' & idle=$!
sh -c 'echo "@@wg reaped 0 0 1" >&2; exec sleep 1000' &
( sleep 1000 & )
sleep 0.3
exec sh "$1" kill "$idle" phase sh -c 'echo "@@wg reaped 0 0 9" >&2; echo out; ls /proc | grep -c "^[0-9]" >&2; exit 3'
`;

  test('kill … phase CMD: the record alone on stderr, last, with its time; CMD after it with stderr joined to stdout', () => {
    const r = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'sh', '-c', PHASE, 'scene', reap], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(3);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    // The leftover's forged record came before it died; reap.sh's record is the last thing on stderr.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('@@wg reaped 0 0 1');
    expect(lines[1]).toMatch(/^@@wg reaped 2 0 \d+$/);
    expect(Number(lines[1]?.split(' ')[4])).toBeLessThan(500);
    // CMD's stderr is its stdout: the forged record it printed is there, not on stderr.
    const out = r.stdout.split('\n');
    expect(out[0]).toBe('@@wg reaped 0 0 9');
    expect(out[1]).toBe('out');
    // PID 1, the idle loop and its sleep, CMD's sh, ls and grep: the leftovers are gone.
    expect(Number(out[2])).toBeLessThanOrEqual(6);
  });

  // Before a phase with evidence first: the record on stderr, then CMD (ours) with stderr as it
  // was, and the reap's end in WG_REAPED_AT.
  const OURS = `sh -c 'while :; do sleep 3600; done' & idle=$!
sleep 1000 &
sleep 0.3
exec sh "$1" kill "$idle" ours sh -c 'echo "at $WG_REAPED_AT" >&2; echo out'
`;

  test('kill … ours CMD: the record on stderr, CMD after it with stderr its own, told where the reap ended', () => {
    const r = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'sh', '-c', OURS, 'scene', reap], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('out\n');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^@@wg reaped 1 0 \d+$/);
    const up = Math.round(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 100);
    const at = Number(/^at (\d+)$/.exec(lines[1] ?? '')?.[1]);
    expect(up - at).toBeGreaterThanOrEqual(0);
    expect(up - at).toBeLessThan(1000);
  });
});
