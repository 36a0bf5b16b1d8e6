// ssh:// connections: the arguments the system ssh gets, and the agent's
// connections over a stand-in `ssh` on PATH (a real child process that answers
// HTTP on its stdout, or fails as ssh does).
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parseSshEndpoint, sshAgent, sshArgs, sshCheckCommand } from '../../../src/docker/ssh-dial.js';
import { Redactor } from '../../../src/model/redact.js';

test.each([
  ['ssh://host', { host: 'host' }],
  ['ssh://ops@workers-1', { user: 'ops', host: 'workers-1' }],
  ['ssh://ops@workers-1:2222/', { user: 'ops', host: 'workers-1', port: 2222 }],
  ['ssh://root@[::1]:22', { user: 'root', host: '[::1]', port: 22 }],
  ['ssh://ops@host:port', undefined],
  ['ssh://ops@host/path', undefined],
  ['tcp://host:2375', undefined],
])('%s is the ssh endpoint %j', (address, expected) => {
  expect(parseSshEndpoint(address)).toEqual(expected);
});

test("ssh gets the Docker CLI's arguments, the deadline as ConnectTimeout and never a prompt", () => {
  expect(sshArgs({ user: 'ops', host: 'workers-1', port: 2222 }, 12.5)).toEqual([
    '-o',
    'ConnectTimeout=13',
    '-o',
    'BatchMode=yes',
    '-T',
    '-l',
    'ops',
    '-p',
    '2222',
    '--',
    'workers-1',
  ]);
  expect(sshArgs({ host: 'h' }, 120)).toEqual([
    '-o',
    'ConnectTimeout=120',
    '-o',
    'BatchMode=yes',
    '-T',
    '--',
    'h',
  ]);
  expect(sshCheckCommand({ user: 'ops', host: 'workers-1', port: 2222 })).toBe(
    'ssh -p 2222 ops@workers-1 docker version',
  );
  expect(sshCheckCommand({ host: 'h' })).toBe('ssh h docker version');
});

/** A folder holding an `ssh` that runs `body` (sh), and the PATH that finds it first. */
function fakeSsh(body: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-fake-ssh-'));
  writeFileSync(path.join(dir, 'ssh'), `#!/bin/sh\necho "$*" >> '${dir}/calls'\n${body}\n`);
  chmodSync(path.join(dir, 'ssh'), 0o755);
  return { dir, env: { PATH: `${dir}:/usr/bin:/bin` } };
}

function get(agent: http.Agent, urlPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: 'docker', path: urlPath, agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve(body));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

// Answers each request on stdin with its path, over one connection, until stdin ends.
const HTTP_ECHO = `exec python3 -c '
import sys
while True:
    line = sys.stdin.readline()
    if not line:
        break
    path = line.split(" ")[1]
    while sys.stdin.readline() not in ("\\r\\n", ""):
        pass
    sys.stdout.write("HTTP/1.1 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n%s" % (len(path), path))
    sys.stdout.flush()
'`;

test('each connection is `ssh … docker system dial-stdio`, kept for the next request', async () => {
  const { dir, env } = fakeSsh(HTTP_ECHO);
  const agent = sshAgent(
    { user: 'ops', host: 'workers-1', port: 2222 },
    { env, connectSeconds: 30, redactor: new Redactor() },
  );
  expect(await get(agent, '/_ping')).toBe('/_ping');
  expect(await get(agent, '/info')).toBe('/info');
  agent.destroy();
  expect(readFileSync(path.join(dir, 'calls'), 'utf8')).toBe(
    '-o ConnectTimeout=30 -o BatchMode=yes -T -l ops -p 2222 -- workers-1 docker system dial-stdio\n',
  );
});

test("an ssh that ends without answering fails the request with its exit and stderr's last lines", async () => {
  const { env } = fakeSsh("echo 'ops@workers-1: Permission denied (publickey).' >&2\nexit 255");
  const agent = sshAgent(
    { user: 'ops', host: 'workers-1' },
    { env, connectSeconds: 30, redactor: new Redactor() },
  );
  await expect(get(agent, '/_ping')).rejects.toThrow(
    'ssh to ops@workers-1 exited with 255: ops@workers-1: Permission denied (publickey).',
  );
});

test('no ssh on PATH says so', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-no-ssh-'));
  const agent = sshAgent({ host: 'h' }, { env: { PATH: dir }, connectSeconds: 30, redactor: new Redactor() });
  await expect(get(agent, '/_ping')).rejects.toThrow(/cannot run ssh: ssh is not installed or not on PATH/);
});
