// Bad input is refused before anything starts: through CLI flags, config keys
// and action inputs, each exits 2 with a line naming the input as the user
// spelled it, and the engine is left as it was. Inputs that need no engine are
// refused without contacting it (DOCKER_HOST points at a loopback tripwire that
// counts connections). The few that need one (cpus, images) and the bundled
// action go to the real engine through a loopback relay that records every
// request: only reads may pass (no create, build, start or remove), which
// proves the engine unchanged even while other runs share it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAction } from '../action/run-action.js';
import { SLIM_IMAGE } from './images.js';
import { cli } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wg-bad-input-'));
const aFile = path.join(dir, 'a-file.txt');
writeFileSync(aFile, 'not a folder\n');
mkdirSync(path.join(dir, 'out'));
const bogusReport = path.join(dir, 'bogus-report.json');
writeFileSync(bogusReport, '{"hello": "world"}\n');
// A git repository with a Dockerfile, for a baseline-ref that names no commit.
const repo = path.join(dir, 'repo');
mkdirSync(repo);
writeFileSync(path.join(repo, 'Dockerfile'), 'FROM scratch\n');
for (const args of [
  ['init', '-q'],
  ['add', 'Dockerfile'],
  ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x'],
])
  execFileSync('git', args, { cwd: repo });

let tripwire: Server;
let tripwireHost = '';
let contacts = 0;
// The real engine's socket, read before a test points DOCKER_HOST at the relay.
const engineSocket = process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') || '/var/run/docker.sock';
let relay: Server;
let relayHost = '';
/** Every request line the runs sent to the real engine through the relay. */
let requests: string[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return `tcp://127.0.0.1:${address.port}`;
}

beforeAll(async () => {
  tripwire = createServer((socket) => {
    contacts += 1;
    socket.destroy();
  });
  tripwireHost = await listen(tripwire);
  relay = createServer((client) => {
    const engine = connect(engineSocket);
    client.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString('latin1').matchAll(/^([A-Z]+) (\S+) HTTP\/1\.[01]\r$/gm))
        requests.push(`${m[1]} ${m[2]}`);
    });
    client.pipe(engine).pipe(client);
    client.on('error', () => engine.destroy());
    engine.on('error', () => client.destroy());
  });
  relayHost = await listen(relay);
});

afterAll(async () => {
  await Promise.all([tripwire, relay].map((server) => new Promise((resolve) => server.close(resolve))));
});

/** The requests since the last call that could change the engine (anything but a read). */
function writes(): string[] {
  const sent = requests;
  requests = [];
  expect(sent.length).toBeGreaterThan(0); // the relay saw the run: it did ask the engine
  return sent.filter((line) => !/^(GET|HEAD) /.test(line));
}

const DIGEST = `sha256:${'a'.repeat(64)}`;
const check = ['check', '--image', SLIM_IMAGE];
const e2e = ['e2e', '--image', SLIM_IMAGE];

// [what, argv, what stderr must say (naming the input as spelled)]
const FLAGS: ReadonlyArray<readonly [string, readonly string[], RegExp]> = [
  [
    'an unknown check id',
    [...check, '--skip-check', 'nonsense-id'],
    /invalid --skip-check "nonsense-id": expected a known check id: non-root-user/,
  ],
  [
    'a family member not in its list',
    [...check, '--skip-check', 'forbid-package:nonsense'],
    /--skip-check "forbid-package:nonsense": .*forbid-packages, which has no nonsense/,
  ],
  [
    'a check skip-checks cannot turn off',
    [...e2e, '--skip-check', 'python-fits-template'],
    /--skip-check "python-fits-template": .*allow-python-mismatch/,
  ],
  [
    'a bare number for a size change',
    [...check, '--max-size-increase', '150'],
    /invalid --max-size-increase "150": .*say 150MB or 150%/,
  ],
  ['a memory of 1kB', [...e2e, '--memory', '1kB'], /invalid --memory "1kB": .*at least 64MiB/],
  ['a memory of 0', [...e2e, '--memory', '0'], /invalid --memory "0"/],
  [
    'a tag against the reference grammar',
    ['build', '--tag', 'UPPER/Case:!!'],
    /invalid --tag "UPPER\/Case:!!": expected an image reference.*the tag "!!"/,
  ],
  ['a tag with capitals', ['build', '--tag', 'Worker:dev'], /invalid --tag "Worker:dev": .*capitals/],
  ['a tag with a digest', ['build', '--tag', `w@${DIGEST}`], /invalid --tag .*takes no @digest/],
  [
    'an image with a bad digest',
    ['check', '--image', 'w@sha256:abc'],
    /invalid --image "w@sha256:abc": .*64 lowercase hex/,
  ],
  [
    'a baseline image with capitals',
    [...check, '--baseline-image', 'My/Base'],
    /invalid --baseline-image "My\/Base": .*capitals/,
  ],
  [
    "a phase timeout above Node's timer limit",
    [...e2e, '--phase-timeout', '2147484'],
    /invalid --phase-timeout "2147484": .*≤ 86400/,
  ],
  ['a phase timeout above a day', [...e2e, '--phase-timeout', '86401'], /invalid --phase-timeout "86401"/],
  [
    'an engine timeout above an hour',
    [...check, '--engine-timeout', '3601'],
    /invalid --engine-timeout "3601": .*≤ 3600/,
  ],
  ['100000 warm runs', [...e2e, '--warm-runs', '100000'], /invalid --warm-runs "100000": .*≤ 20/],
  [
    'a timing noise of 150%',
    [...e2e, '--timing-noise', '150%'],
    /invalid --timing-noise "150%": .*below 100%/,
  ],
  ['a timing noise of 100%', [...e2e, '--timing-noise', '100%'], /invalid --timing-noise "100%"/],
  ["cpus below docker's smallest share", [...e2e, '--cpus', '0.001'], /invalid --cpus "0.001": .*≥ 0.01/],
  [
    'a max image size with no unit below 1MB',
    [...check, '--max-image-size', '400'],
    /invalid --max-image-size "400": .*at least 1MB/,
  ],
  ['an absurd speedup', [...e2e, '--min-setup-speedup', '5000'], /invalid --min-setup-speedup "5000"/],
  ['a report path that is a folder', [...check, '--report', dir], /invalid --report ".*": it is a folder/],
  [
    'a report under a file',
    [...check, '--junit', path.join(aFile, 'j.xml')],
    /invalid --junit ".*": .*a-file\.txt is not a folder/,
  ],
  [
    'two reports at one path',
    [...check, '--report', path.join(dir, 'out', 'r'), '--html', path.join(dir, 'out', 'r')],
    /--report and --html name one file/,
  ],
  [
    'the summary over the junit file',
    [...check, '--summary', path.join(dir, 'x'), '--junit', path.join(dir, 'x')],
    /--summary and --junit name one file/,
  ],
  [
    'max-layout-ratio without cache-layout both',
    [...e2e, '--max-layout-ratio', '1.5'],
    /--max-layout-ratio needs --cache-layout both/,
  ],
  [
    'max-warm-setup-regression without baseline-ref',
    [...e2e, '--max-warm-setup-regression', '1.2'],
    /--max-warm-setup-regression needs --baseline-ref/,
  ],
  [
    'a template folder that is not there',
    [...e2e, '--template', path.join(dir, 'no-template')],
    /invalid --template ".*no-template": there is no such folder/,
  ],
  [
    'a Dockerfile that is not there',
    ['build', '--dockerfile', path.join(dir, 'Dockerfile')],
    /invalid --dockerfile ".*": there is no such file/,
  ],
  [
    'a baseline report that is not a report',
    [...check, '--baseline-report', bogusReport],
    /--baseline-report .*bogus-report\.json is not a worker-gate report/,
  ],
  [
    'a baseline ref that names no commit',
    ['verify', '--dockerfile', path.join(repo, 'Dockerfile'), '--baseline-ref', 'no-such-ref'],
    /baseline-ref "no-such-ref" names no commit/,
  ],
  [
    'two baselines',
    ['verify', '--baseline-ref', 'main', '--baseline-image', 'w:main'],
    /give one baseline, not --baseline-image and --baseline-ref/,
  ],
];

// [what, .worker-gate.yml, command, what stderr must say]
const KEYS: ReadonlyArray<readonly [string, string, readonly string[], RegExp]> = [
  ['100000 warm runs', 'warm-runs: 100000\n', e2e, /\.worker-gate\.yml: invalid warm-runs 100000/],
  [
    'a YAML number for a size change',
    'max-size-increase: 150\n',
    check,
    /\.worker-gate\.yml: invalid max-size-increase 150: .*say 150MB/,
  ],
  [
    'an unknown check id',
    'skip-checks: [non-root-user, nonsense-id]\n',
    check,
    /\.worker-gate\.yml: invalid skip-checks item 2 "nonsense-id"/,
  ],
  [
    'a tag against the grammar',
    'tag: "UPPER/Case:!!"\n',
    ['build'],
    /\.worker-gate\.yml: invalid tag "UPPER\/Case:!!"/,
  ],
  ['a timing noise of 150%', 'timing-noise: 150%\n', e2e, /\.worker-gate\.yml: invalid timing-noise "150%"/],
  ['a memory of 1kB', 'memory: 1kB\n', e2e, /\.worker-gate\.yml: invalid memory "1kB"/],
  [
    'a report that is the folder itself',
    'report: .\n',
    check,
    /\.worker-gate\.yml: invalid report ".*": it is a folder/,
  ],
  [
    'max-layout-ratio with cache-layout shared',
    'cache-layout: shared\nmax-layout-ratio: 2\n',
    e2e,
    /\.worker-gate\.yml: max-layout-ratio needs \.worker-gate\.yml: cache-layout both.*\(it is shared\)/,
  ],
  [
    'a phase timeout of 100000',
    'phase-timeout: 100000\n',
    e2e,
    /\.worker-gate\.yml: invalid phase-timeout 100000/,
  ],
  [
    'a missing template folder',
    'template: ./nope\n',
    e2e,
    /\.worker-gate\.yml: invalid template ".*nope": there is no such folder/,
  ],
  [
    'an engine timeout of two hours',
    'engine-timeout: 7200\n',
    check,
    /\.worker-gate\.yml: invalid engine-timeout 7200/,
  ],
  [
    'an image with capitals',
    'image: My/Worker\n',
    ['check'],
    /\.worker-gate\.yml: invalid image "My\/Worker"/,
  ],
];

// [what, action inputs, what the error annotation must say]
const INPUTS: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
  ['100000 warm runs', { 'warm-runs': '100000' }, /invalid warm-runs input "100000"/],
  [
    'a bare number for a size change',
    { 'max-size-increase': '150' },
    /invalid max-size-increase input "150": .*say 150MB/,
  ],
  [
    'an unknown check id',
    { 'skip-checks': 'non-root-user\nnonsense-id' },
    /invalid skip-checks input "nonsense-id"/,
  ],
  ['a tag against the grammar', { tag: 'UPPER/Case:!!' }, /invalid tag input "UPPER\/Case:!!"/],
  ['a timing noise of 150%', { 'timing-noise': '150%' }, /invalid timing-noise input "150%"/],
  ['a memory of 1kB', { memory: '1kB' }, /invalid memory input "1kB"/],
  ["cpus below docker's smallest share", { cpus: '0.001' }, /invalid cpus input "0.001"/],
  ['a report that is a folder', { report: '.' }, /invalid report input ".*": it is a folder/],
  [
    'junit and html at one path',
    { junit: 'out.xml', html: 'out.xml' },
    /junit input and html input name one file/,
  ],
  [
    'max-warm-setup-regression without baseline-ref',
    { 'max-warm-setup-regression': '1.2' },
    /max-warm-setup-regression input needs baseline-ref input/,
  ],
  [
    'max-layout-ratio without cache-layout both',
    { 'max-layout-ratio': '2' },
    /max-layout-ratio input needs cache-layout input both/,
  ],
  ['an engine timeout above an hour', { 'engine-timeout': '7200' }, /invalid engine-timeout input "7200"/],
];

describe('CLI flags: refused without contacting the engine', () => {
  test.each(FLAGS)('%s', async (_, argv, says) => {
    contacts = 0;
    const run = await cli([...argv], { cwd: dir, env: { ...process.env, DOCKER_HOST: tripwireHost } });
    expect(run.code, run.err).toBe(2);
    expect(run.err).toMatch(says);
    expect(contacts).toBe(0);
  });

  test('every problem at once, one line each', async () => {
    contacts = 0;
    const argv = [
      ...e2e,
      '--warm-runs',
      '100000',
      '--memory',
      '1kB',
      '--skip-check',
      'nonsense-id',
      '--report',
      dir,
    ];
    const run = await cli(argv, { cwd: dir, env: { ...process.env, DOCKER_HOST: tripwireHost } });
    expect(run.code).toBe(2);
    const lines = run.err.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    for (const flag of ['--warm-runs', '--memory', '--skip-check', '--report'])
      expect(lines.filter((line) => line.includes(flag))).toHaveLength(1);
    expect(contacts).toBe(0);
  });
});

describe('config keys: refused without contacting the engine', () => {
  test.each(KEYS)('%s', async (name, yaml, argv, says) => {
    const cwd = mkdtempSync(path.join(dir, 'config-'));
    writeFileSync(path.join(cwd, '.worker-gate.yml'), yaml);
    contacts = 0;
    const run = await cli([...argv], { cwd, env: { ...process.env, DOCKER_HOST: tripwireHost } });
    expect(run.code, `${name}: ${run.err}`).toBe(2);
    expect(run.err).toMatch(says);
    expect(contacts).toBe(0);
  });
});

describe('inputs only the engine can judge: refused before any build or container', () => {
  test.each([
    ['cpus above the engine', [...e2e, '--cpus', '1024'], /--cpus is 1024, but the engine has \d+ CPUs?/],
    // Missing images are pulled first: from a registry on a loopback port nobody listens on,
    // the pull fails at once and sends nothing off this machine.
    [
      'an image the engine does not have and cannot pull',
      ['check', '--image', '127.0.0.1:1/worker-gate-test/no-such-image:bad-input'],
      /--image: image 127\.0\.0\.1:1\/worker-gate-test\/no-such-image:bad-input is not in the engine and cannot be pulled from 127\.0\.0\.1:1: unreachable/,
    ],
    [
      'a baseline image the engine does not have and cannot pull',
      [...check, '--baseline-image', '127.0.0.1:1/worker-gate-test/no-such-base:bad-input'],
      /--baseline-image: baseline image 127\.0\.0\.1:1\/worker-gate-test\/no-such-base:bad-input is not in the engine and cannot be pulled/,
    ],
  ] as const)('%s', async (_, argv, says) => {
    requests = [];
    const run = await cli([...argv], { cwd: dir, env: { ...process.env, DOCKER_HOST: relayHost } });
    expect(run.code, run.err).toBe(2);
    expect(run.err).toMatch(says);
    // Besides reads, only the pull that failed (it changes nothing).
    expect(
      writes().filter((line) => !/^POST \S*\/images\/create\?fromImage=127\.0\.0\.1%3A1/.test(line)),
    ).toEqual([]);
  });
});

describe('action inputs: the bundled action under Node 24 refuses them', () => {
  const engineHost = process.env.DOCKER_HOST;
  test.each(INPUTS)('%s', async (_, inputs, says) => {
    requests = [];
    process.env.DOCKER_HOST = relayHost; // runAction hands DOCKER_HOST to the action
    let run: Awaited<ReturnType<typeof runAction>>;
    try {
      run = await runAction(inputs);
    } finally {
      if (engineHost === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = engineHost;
    }
    expect(run.code, run.stdout).toBe(2);
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
    // Workflow commands escape % as %25.
    expect(errors.join('\n').replaceAll('%25', '%')).toMatch(says);
    expect(run.outputs.verdict).toBe('error');
    // Only the post step asked the engine (for leftovers of this run: none).
    expect(writes()).toEqual([]);
  });
});

test('the table holds at least 40 bad inputs across the three doors', () => {
  expect(FLAGS.length + KEYS.length + INPUTS.length).toBeGreaterThanOrEqual(40);
});
