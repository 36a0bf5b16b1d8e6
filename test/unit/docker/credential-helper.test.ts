// runCredentialHelper against real helper programs on this host (shell
// scripts named docker-credential-NAME on PATH), through the run's process runner.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCredentialHelper } from '../../../src/docker/registry-auth.js';
import { InfraError } from '../../../src/model/errors.js';
import { Redactor } from '../../../src/model/redact.js';
import { ProcessError, processRunner } from '../../../src/process/run.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wg-helpers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { PATH: `${dir}:/usr/bin:/bin`, DOCKER_CONFIG: dir };
const runProcess = processRunner({ timeoutSeconds: 60, redactor: new Redactor() });

function helper(name: string, script: string): void {
  const file = path.join(dir, `docker-credential-${name}`);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}

helper(
  'good',
  `server="$(cat)"; printf '{"ServerURL":"%s","Username":"bot","Secret":"pw-for-%s"}' "$server" "$server"`,
);
helper('token', `cat >/dev/null; printf '{"Username":"<token>","Secret":"refresh"}'`);
helper('none', `cat >/dev/null; echo 'credentials not found in native keychain'; exit 1`);
helper('broken', `cat >/dev/null; printf '{"Secret":"leaked"}'; echo 'keychain locked' >&2; exit 3`);
helper('slow', `sleep 40`);

describe('a credential helper: the server on stdin, the answer on stdout', () => {
  test('its credentials, for the server it was asked about', async () => {
    expect(await runCredentialHelper('good', 'r.example.com', env, runProcess)).toEqual({
      username: 'bot',
      password: 'pw-for-r.example.com',
      serveraddress: 'r.example.com',
    });
  });

  test('an identity token', async () => {
    expect(await runCredentialHelper('token', 'r.example.com', env, runProcess)).toEqual({
      identitytoken: 'refresh',
      serveraddress: 'r.example.com',
    });
  });

  test('"credentials not found": pull anonymously', async () => {
    expect(await runCredentialHelper('none', 'r.example.com', env, runProcess)).toBeUndefined();
  });

  test('a failure names the helper and the exit code, with stderr only (stdout is where secrets go)', async () => {
    const err = await runCredentialHelper('broken', 'r.example.com', env, runProcess).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InfraError);
    expect((err as InfraError).message).toBe(
      `the credential helper docker-credential-broken (named in ${dir}/config.json) failed for r.example.com (exit 3)`,
    );
    expect((err as InfraError).detail).toBe('keychain locked');
    expect(JSON.stringify(err)).not.toContain('leaked');
  });

  test('not installed: says to install it or fix the config', async () => {
    const err = await runCredentialHelper('absent', 'r.example.com', env, runProcess).catch(
      (e: unknown) => e,
    );
    expect((err as InfraError).message).toBe(
      `the credential helper docker-credential-absent (named in ${dir}/config.json) cannot be run: install it or fix credsStore/credHelpers`,
    );
  });

  test("one that waits is stopped at the run's engine-timeout", async () => {
    const quick = processRunner({ timeoutSeconds: 1, redactor: new Redactor() });
    const started = performance.now();
    const err = await runCredentialHelper('slow', 'r.example.com', env, quick).catch((e: unknown) => e);
    expect((performance.now() - started) / 1000).toBeLessThan(20);
    expect(err).toBeInstanceOf(ProcessError);
    expect((err as ProcessError).message).toBe(
      '`docker-credential-slow get` did not finish within 1 s (engine-timeout), and was stopped',
    );
  }, 60_000);
});
