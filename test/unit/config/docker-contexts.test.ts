// Docker contexts read from a config folder the test makes, as `docker context
// create` lays it out: names resolved to endpoints (TLS included), `default` as
// the environment's engine, an unknown name refused with a "did you mean",
// --all-contexts giving each engine once, and a cell's environment.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  currentEngine,
  dockerConfigDir,
  type EngineTarget,
  readContexts,
  resolveEngines,
  targetEnv,
} from '../../../src/config/docker-contexts.js';
import { engineOptions } from '../../../src/docker/engine.js';
import { inputErrorOf, viaAction, viaCli } from './helpers.js';

const sha = (name: string) => createHash('sha256').update(name).digest('hex');

function configFolder(
  contexts: Array<{ name: string; host: string; skip?: boolean; tls?: readonly string[] }>,
): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-docker-config-'));
  for (const c of contexts) {
    const meta = path.join(dir, 'contexts', 'meta', sha(c.name));
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      path.join(meta, 'meta.json'),
      JSON.stringify({
        Name: c.name,
        Metadata: { Description: '' },
        Endpoints: { docker: { Host: c.host, SkipTLSVerify: c.skip ?? false } },
      }),
    );
    if (c.tls) {
      const tls = path.join(dir, 'contexts', 'tls', sha(c.name), 'docker');
      mkdirSync(tls, { recursive: true });
      for (const file of c.tls) writeFileSync(path.join(tls, file), `${c.name} ${file}`);
    }
  }
  return dir;
}

const PEMS = ['ca.pem', 'cert.pem', 'key.pem'] as const;
const FLEET = [
  { name: 'workers-1', host: 'ssh://ops@workers-1' },
  { name: 'secure', host: 'tcp://secure.internal:2376', tls: PEMS },
  { name: 'lab', host: 'tcp://lab.internal:2376', skip: true, tls: PEMS },
  { name: 'local', host: 'unix:///var/run/docker.sock' },
];

test('the config folder is $DOCKER_CONFIG, else ~/.docker', () => {
  expect(dockerConfigDir({ DOCKER_CONFIG: '/cfg' }, '/home/u')).toBe('/cfg');
  expect(dockerConfigDir({}, '/home/u')).toBe('/home/u/.docker');
});

test('reads every context: its name, host, SkipTLSVerify and TLS folder', () => {
  const dir = configFolder(FLEET);
  const { contexts, problems } = readContexts(dir);
  expect(problems).toEqual([]);
  expect(contexts.map((c) => [c.name, c.host, c.skipTlsVerify, c.tlsDir !== undefined])).toEqual([
    ['lab', 'tcp://lab.internal:2376', true, true],
    ['local', 'unix:///var/run/docker.sock', false, false],
    ['secure', 'tcp://secure.internal:2376', false, true],
    ['workers-1', 'ssh://ops@workers-1', false, false],
  ]);
  expect(contexts[2]?.tlsDir).toBe(path.join(dir, 'contexts', 'tls', sha('secure'), 'docker'));
  expect(readContexts(path.join(dir, 'nowhere'))).toEqual({ contexts: [], problems: [] });
});

test('--engine names: endpoints as given, contexts resolved (TLS into the cell environment), default the environment', () => {
  const dir = configFolder(FLEET);
  const env = { DOCKER_HOST: 'tcp://env:2375', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/env-certs' };
  const { targets, problems, warnings } = resolveEngines(
    ['tcp://plain:2375', 'workers-1', 'secure', 'lab', 'default'],
    false,
    { env, configDir: dir },
  );
  expect(problems).toEqual([]);
  expect(warnings).toEqual([]);
  expect(targets.map((t) => [t.endpoint, t.context])).toEqual([
    ['tcp://plain:2375', undefined],
    ['ssh://ops@workers-1', 'workers-1'],
    ['tcp://secure.internal:2376', 'secure'],
    ['tcp://lab.internal:2376', 'lab'],
    ['tcp://env:2375', 'default'],
  ]);
  const [plain, ssh, secure, lab, byDefault] = targets.map((t) => targetEnv(env, t as EngineTarget));
  // An endpoint replaces DOCKER_HOST only, as before; a context brings its own TLS or none.
  expect(plain).toEqual({ ...env, DOCKER_HOST: 'tcp://plain:2375' });
  expect(ssh).toEqual({ DOCKER_HOST: 'ssh://ops@workers-1' });
  const tlsDir = (name: string) => path.join(dir, 'contexts', 'tls', sha(name), 'docker');
  expect(secure).toEqual({
    DOCKER_HOST: 'tcp://secure.internal:2376',
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: tlsDir('secure'),
  });
  expect(lab).toEqual({
    DOCKER_HOST: 'tcp://lab.internal:2376',
    DOCKER_TLS: '1',
    DOCKER_CERT_PATH: tlsDir('lab'),
  });
  expect(byDefault).toEqual(env);

  // The connection those environments make: the context's certificates; SkipTLSVerify checks none.
  const secureOptions = engineOptions(secure ?? {});
  expect(secureOptions).toMatchObject({ host: 'secure.internal', port: 2376, protocol: 'https' });
  expect(String(secureOptions.ca)).toBe('secure ca.pem');
  const labOptions = engineOptions(lab ?? {}) as { agent?: { options: { rejectUnauthorized?: boolean } } };
  expect(labOptions).toMatchObject({
    host: 'lab.internal',
    protocol: 'https',
    cert: Buffer.from('lab cert.pem'),
  });
  expect(labOptions.agent?.options.rejectUnauthorized).toBe(false);
});

test('an unknown context is refused, naming the input as spelled, with a "did you mean" and the contexts that exist', () => {
  const dir = configFolder(FLEET);
  const { targets, problems } = resolveEngines(['workers-2', 'secure', 'nothing-like-it'], false, {
    env: {},
    configDir: dir,
  });
  expect(targets.map((t) => t.context)).toEqual(['secure']);
  const where = path.join(dir, 'contexts');
  expect(problems).toEqual([
    {
      input: '--engine',
      message: `--engine "workers-2" is neither an engine endpoint (unix://, tcp://, ssh://) nor a Docker context in ${where} (did you mean "workers-1"?): its contexts are default, lab, local, secure, workers-1 (DOCKER_CONFIG names another folder)`,
    },
    {
      input: '--engine',
      message: `--engine "nothing-like-it" is neither an engine endpoint (unix://, tcp://, ssh://) nor a Docker context in ${where}: its contexts are default, lab, local, secure, workers-1 (DOCKER_CONFIG names another folder)`,
    },
  ]);
});

test('--all-contexts: every context, default included, each engine once with a warning for the names that share one', () => {
  const dir = configFolder([...FLEET, { name: 'also-lab', host: 'tcp://lab.internal:2376/' }]);
  const { targets, problems, warnings } = resolveEngines(['default', 'tcp://lab.internal:2376'], true, {
    env: {},
    configDir: dir,
  });
  expect(problems).toEqual([]);
  expect(targets.map((t) => [t.endpoint, t.context])).toEqual([
    ['unix:///var/run/docker.sock', 'default'],
    ['tcp://lab.internal:2376', undefined],
    ['tcp://secure.internal:2376', 'secure'],
    ['ssh://ops@workers-1', 'workers-1'],
  ]);
  expect(warnings).toEqual([
    'context "also-lab" names the same engine as "tcp://lab.internal:2376" (tcp://lab.internal:2376/): it counts once',
    'context "lab" names the same engine as "tcp://lab.internal:2376" (tcp://lab.internal:2376): it counts once',
    'context "local" names the same engine as context "default" (unix:///var/run/docker.sock): it counts once',
  ]);
});

test('a context whose files are broken or whose TLS folder lacks a file is refused, naming it', () => {
  const dir = configFolder([{ name: 'half', host: 'tcp://half:2376', tls: ['ca.pem'] }]);
  const broken = path.join(dir, 'contexts', 'meta', sha('broken'));
  mkdirSync(broken, { recursive: true });
  writeFileSync(path.join(broken, 'meta.json'), '{"Name": "broken", "Endpoints": {}}');
  const { targets, problems } = resolveEngines(['half'], false, { env: {}, configDir: dir });
  expect(targets).toEqual([]);
  expect(problems.map((p) => p.message)).toEqual([
    `Docker context ${path.join(broken, 'meta.json')} has no Endpoints.docker.Host: fix it or remove it (docker context rm)`,
    `Docker context "half": ${path.join(dir, 'contexts', 'tls', sha('half'), 'docker')} lacks cert.pem, key.pem (worker-gate needs all of ca.pem, cert.pem, key.pem): recreate it with docker context create --docker "host=…,ca=…,cert=…,key=…"`,
  ]);
});

test('only endpoints: the config folder is not read (a broken context there is no problem of theirs)', () => {
  const dir = configFolder([]);
  const broken = path.join(dir, 'contexts', 'meta', sha('broken'));
  mkdirSync(broken, { recursive: true });
  writeFileSync(path.join(broken, 'meta.json'), 'not json');
  expect(resolveEngines([], true, { env: {}, configDir: dir }).problems).toHaveLength(1);
  const { targets, problems } = resolveEngines(['unix:///run/docker.sock'], false, {
    env: {},
    configDir: dir,
  });
  expect(problems).toEqual([]);
  expect(targets).toEqual([
    { endpoint: 'unix:///run/docker.sock', env: { DOCKER_HOST: 'unix:///run/docker.sock' } },
  ]);
});

describe('audit takes the engines too, through both front doors', () => {
  const env = (dir: string) => ({ DOCKER_CONFIG: dir });

  test('the CLI: --engine (endpoint or context) and --all-contexts resolve to the audit targets', () => {
    const dir = configFolder(FLEET);
    const config = viaCli(['--engine', 'tcp://10.0.0.5:2375', '--engine', 'workers-1'], {
      command: 'audit',
      env: env(dir),
    });
    expect(config.engineTargets?.map((t) => [t.endpoint, t.context])).toEqual([
      ['tcp://10.0.0.5:2375', undefined],
      ['ssh://ops@workers-1', 'workers-1'],
    ]);
    const every = viaCli(['--all-contexts'], { command: 'audit', env: env(dir) });
    // local is the default socket: one engine, counted once.
    expect(every.engineTargets?.map((t) => t.context)).toEqual(['default', 'lab', 'secure', 'workers-1']);
  });

  test('the action: the engines input, one a line', () => {
    const dir = configFolder(FLEET);
    const config = viaAction(
      { audit: 'true', engines: 'unix:///var/run/docker.sock\nworkers-1' },
      { command: 'audit', env: env(dir) },
    );
    expect(config.engineTargets?.map((t) => t.endpoint)).toEqual([
      'unix:///var/run/docker.sock',
      'ssh://ops@workers-1',
    ]);
  });

  test('an unknown context is refused before any work, naming the input as each door spells it', () => {
    const dir = configFolder(FLEET);
    const cli = inputErrorOf(() => viaCli(['--engine', 'worker-1'], { command: 'audit', env: env(dir) }));
    expect(cli.message).toMatch(/^--engine "worker-1" is neither .* \(did you mean "workers-1"\?\)/);
    const action = inputErrorOf(() =>
      viaAction({ audit: 'true', engines: 'worker-1' }, { command: 'audit', env: env(dir) }),
    );
    expect(action.message).toMatch(/^engines input "worker-1" is neither/);
  });

  test('no engine named: no targets, the environment’s engine as before', () => {
    expect(viaCli([], { command: 'audit' }).engineTargets).toEqual([]);
  });
});

describe('the current context, as the docker CLI picks it when nothing names an engine', () => {
  const withCurrent = (currentContext: unknown) => {
    const dir = configFolder(FLEET);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: {}, currentContext }));
    return dir;
  };

  test("config.json's currentContext names the engine, its TLS with it", () => {
    const dir = withCurrent('secure');
    const { target, problems } = currentEngine({}, dir);
    expect(problems).toEqual([]);
    expect(target?.context).toBe('secure');
    expect(targetEnv({ PATH: '/bin' }, target as EngineTarget)).toEqual({
      PATH: '/bin',
      DOCKER_HOST: 'tcp://secure.internal:2376',
      DOCKER_CERT_PATH: path.join(dir, 'contexts', 'tls', sha('secure'), 'docker'),
      DOCKER_TLS_VERIFY: '1',
    });
    // matrix without --engine runs there too.
    expect(resolveEngines([], false, { env: {}, configDir: dir }).targets).toEqual([target]);
  });

  test('DOCKER_CONTEXT wins over currentContext; DOCKER_HOST over both; default is the environment', () => {
    const dir = withCurrent('secure');
    expect(currentEngine({ DOCKER_CONTEXT: 'workers-1' }, dir).target).toEqual({
      endpoint: 'ssh://ops@workers-1',
      context: 'workers-1',
      env: {
        DOCKER_HOST: 'ssh://ops@workers-1',
        DOCKER_TLS_VERIFY: undefined,
        DOCKER_TLS: undefined,
        DOCKER_CERT_PATH: undefined,
      },
    });
    expect(currentEngine({ DOCKER_HOST: 'tcp://h:2375', DOCKER_CONTEXT: 'workers-1' }, dir)).toEqual({
      problems: [],
    });
    expect(currentEngine({ DOCKER_CONTEXT: 'default' }, dir)).toEqual({ problems: [] });
    expect(currentEngine({}, withCurrent('default'))).toEqual({ problems: [] });
    expect(currentEngine({}, configFolder(FLEET))).toEqual({ problems: [] });
  });

  test('a current context that does not exist is refused, naming where it was set, with a "did you mean"', () => {
    const dir = withCurrent('workers-2');
    expect(currentEngine({}, dir).problems).toEqual([
      {
        message: `currentContext in ${path.join(dir, 'config.json')} names the Docker context "workers-2", which is not in ${path.join(dir, 'contexts')} (did you mean "workers-1"?): its contexts are default, lab, local, secure, workers-1; pick one with docker context use, or set DOCKER_HOST`,
        input: 'DOCKER_CONFIG',
      },
    ]);
    expect(currentEngine({ DOCKER_CONTEXT: 'nope' }, dir).problems[0]).toMatchObject({
      message: expect.stringMatching(/^DOCKER_CONTEXT names the Docker context "nope", which is not in /),
      input: 'DOCKER_CONTEXT',
    });
  });

  test('a config.json that is not JSON is refused, naming it', () => {
    const dir = configFolder(FLEET);
    writeFileSync(path.join(dir, 'config.json'), '{ not json');
    expect(currentEngine({}, dir).problems).toEqual([
      {
        message: expect.stringMatching(
          new RegExp(
            `^${path.join(dir, 'config.json')} cannot be read \\(the docker CLI's config, for its currentContext\\): .*; fix it, or set DOCKER_HOST$`,
          ),
        ),
        input: 'DOCKER_CONFIG',
      },
    ]);
  });
});
