// An OpenSSH server of the test's own on 127.0.0.1 (scripts/ensure-sshd.sh
// installs the binary): its own config, host key and authorized key in a
// temporary folder, started as a child the test stops. Its commands reach this
// machine's engine with this machine's docker CLI, so an ssh:// engine is this
// engine behind a real ssh hop.
//
// The client side: OpenSSH reads ~/.ssh from the passwd entry, not $HOME, so
// the test's ssh config reaches it through an `ssh` first on PATH that adds
// `-F` and writes each of its command lines to a file (the calls it carried).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SSHD = process.env.WG_SSHD ?? '/usr/sbin/sshd';

export interface Sshd {
  port: number;
  /** The test's environment for worker-gate: PATH finds the wrapping ssh first. */
  env: NodeJS.ProcessEnv;
  /** sshd's log so far (-e: to stderr). */
  log(): string;
  /** The wrapping ssh's command lines so far, one a line. */
  calls(): string[];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts sshd; `root` is the only user it lets in, with the test's key. */
export async function startSshd(dockerHost: string): Promise<Sshd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-sshd-'));
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  keygen(path.join(dir, 'host_key'));
  keygen(path.join(dir, 'client_key'));
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${dir}/host_key`,
      `AuthorizedKeysFile ${dir}/authorized_keys`,
      'PidFile none',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'AllowUsers root',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The remote docker reaches the engine the tests use.
      `SetEnv DOCKER_HOST=${dockerHost}`,
      '',
    ].join('\n'),
  );
  // sshd insists on its privilege separation folder.
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  writeFileSync(
    path.join(dir, 'ssh_config'),
    [
      'Host 127.0.0.1',
      `  IdentityFile ${dir}/client_key`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${dir}/known_hosts`,
      '  StrictHostKeyChecking accept-new',
      '',
    ].join('\n'),
  );
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const ssh = execFileSync('sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).trim();
  writeFileSync(
    path.join(bin, 'ssh'),
    `#!/bin/sh\necho "$*" >> '${dir}/calls'\nexec '${ssh}' -F '${dir}/ssh_config' "$@"\n`,
  );
  chmodSync(path.join(bin, 'ssh'), 0o755);

  let log = '';
  const child: ChildProcess = spawn(SSHD, ['-f', path.join(dir, 'sshd_config'), '-D', '-e'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Listening once it says so (or it failed: its log says why).
  for (let i = 0; i < 100 && !/Server listening/.test(log); i++) {
    if (child.exitCode !== null) throw new Error(`sshd did not start: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!/Server listening/.test(log)) throw new Error(`sshd did not start listening: ${log}`);
  return {
    port,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    log: () => log,
    calls: () =>
      existsSync(path.join(dir, 'calls'))
        ? readFileSync(path.join(dir, 'calls'), 'utf8').split('\n').filter(Boolean)
        : [],
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
