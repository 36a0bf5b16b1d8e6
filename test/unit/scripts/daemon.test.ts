// scripts/lib/daemon.sh: a daemon the ensure-*.sh scripts start must not hold
// what its caller held open (a flock on the engine's lock held for the
// daemon's life stalls every later `flock … vitest`, as it once did here).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';

const LIB = path.join(import.meta.dirname, '../../../scripts/lib/daemon.sh');
let dir: string;
let pid: number | undefined;
afterEach(() => {
  if (pid) process.kill(pid, 'SIGKILL');
  pid = undefined;
  rmSync(dir, { recursive: true, force: true });
});

test('start_daemon closes the descriptors the caller holds above stderr, and logs to its file', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'wg-daemon-'));
  const lock = path.join(dir, 'lock');
  const log = path.join(dir, 'log');
  // The caller holds the lock on descriptor 9 while it starts the daemon, as flock does.
  const script = `source ${LIB}; exec 9>${lock}; flock 9; start_daemon ${log} sh -c 'echo started; exec sleep 30'; echo $DAEMON_PID`;
  pid = Number(execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim());
  expect(pid).toBeGreaterThan(0);
  // The daemon runs on; the lock is free once the caller has gone.
  execFileSync('bash', ['-c', `sleep 0.2; kill -0 ${pid}`]);
  execFileSync('flock', ['--nonblock', lock, 'true']);
  expect(readFileSync(log, 'utf8')).toBe('started\n');
});
