// With no DOCKER_HOST, a command runs on the docker CLI's current context
// (DOCKER_CONTEXT, else config.json's currentContext), and one that names no
// context is bad input, refused with the other problems before any work. The
// contexts' endpoints are sockets that do not exist: which one a command tried
// shows which engine it picked, without an engine.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../../../src/cli.js';

function dockerConfig(currentContext: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-current-context-'));
  for (const name of ['here', 'there']) {
    const meta = path.join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      path.join(meta, 'meta.json'),
      JSON.stringify({ Name: name, Endpoints: { docker: { Host: `unix:///nonexistent/${name}.sock` } } }),
    );
  }
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext }));
  return dir;
}

async function capture(argv: string[], env: NodeJS.ProcessEnv) {
  let err = '';
  const code = await runCli(argv, {
    out: () => {},
    err: (t) => {
      err += t;
    },
    env,
    cwd: process.cwd(),
  });
  return { code, err };
}

test("clean runs on config.json's currentContext, DOCKER_CONTEXT over it, DOCKER_HOST over both", async () => {
  const config = dockerConfig('here');
  const current = await capture(['clean', '--all'], { DOCKER_CONFIG: config });
  expect(current.code).toBe(2);
  expect(current.err).toContain('no Docker engine answers at DOCKER_HOST=unix:///nonexistent/here.sock');
  const named = await capture(['clean', '--all'], { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'there' });
  expect(named.err).toContain('no Docker engine answers at DOCKER_HOST=unix:///nonexistent/there.sock');
  const host = await capture(['clean', '--all'], {
    DOCKER_CONFIG: config,
    DOCKER_CONTEXT: 'there',
    DOCKER_HOST: 'unix:///nonexistent/host.sock',
  });
  expect(host.err).toContain('no Docker engine answers at DOCKER_HOST=unix:///nonexistent/host.sock');
});

test('a current context that does not exist is refused with the other problems, before any work', async () => {
  const config = dockerConfig('hear');
  const run = await capture(['check', '--image', 'x:1', '--engine-timeout', '0'], { DOCKER_CONFIG: config });
  expect(run.code).toBe(2);
  expect(run.err).toContain(
    `worker-gate: error: currentContext in ${path.join(config, 'config.json')} names the Docker context "hear", which is not in ${path.join(config, 'contexts')} (did you mean "here"?)`,
  );
  expect(run.err).toContain('--engine-timeout "0"');
  expect(run.err).not.toContain('no Docker engine answers');
});
