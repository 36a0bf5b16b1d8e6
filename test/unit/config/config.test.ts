import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../../src/config/config.js';
import { readConfigFile } from '../../../src/config/file.js';
import { CHECKS } from '../../../src/judge/registry.js';
import { CWD, fakeFs, inputErrorOf, PEM, viaAction, viaCli, viaFile, WORKSPACE } from './helpers.js';

describe('precedence: defaults < config file < front door', () => {
  test('the file overrides a default, a flag overrides the file', () => {
    expect(viaCli([]).memoryBytes).toBe(2 * 1024 ** 3);
    expect(viaFile('memory: 4GiB\n').memoryBytes).toBe(4 * 1024 ** 3);
    const files = { [`${CWD}/.worker-gate.yml`]: 'memory: 4GiB\nwarm-runs: 5\n' };
    const config = viaCli(['--memory', '1GiB'], { files });
    expect(config.memoryBytes).toBe(1024 ** 3);
    expect(config.warmRuns).toBe(5);
    expect(config.sources).toMatchObject({ memory: 'cli', 'warm-runs': 'file', cpus: 'default' });
  });

  test('an action input overrides the file; an empty input leaves it', () => {
    const files = { [`${WORKSPACE}/.worker-gate.yml`]: 'memory: 4GiB\ncpus: 2\n' };
    const config = viaAction({ memory: '1GiB', cpus: '' }, { files });
    expect(config.memoryBytes).toBe(1024 ** 3);
    expect(config.cpus).toBe(2);
    expect(config.sources).toMatchObject({ memory: 'action', cpus: 'file' });
  });

  test('a list from a flag replaces the file list, which replaced the default', () => {
    const files = { [`${CWD}/.worker-gate.yml`]: 'require: [uv, git]\n' };
    expect(viaCli([], { files }).require.map((spec) => spec.name)).toEqual(['uv', 'git']);
    expect(viaCli(['--require', 'make'], { files }).require.map((spec) => spec.name)).toEqual(['make']);
  });

  test('an empty YAML list empties a list; a key left blank keeps the default', () => {
    expect(viaFile('require: []\n').require).toEqual([]);
    expect(viaFile('memory:\n').memoryBytes).toBe(2 * 1024 ** 3);
  });

  test('--no-FLAG turns off what the file turned on', () => {
    const files = { [`${CWD}/.worker-gate.yml`]: 'trust-template: true\n' };
    expect(viaCli([], { files }).trustTemplate).toBe(true);
    expect(viaCli(['--no-trust-template'], { files }).trustTemplate).toBe(false);
  });

  test('action multi-line inputs: one value per line, blank and # lines skipped', () => {
    const config = viaAction({
      'default-forbids': 'false',
      'forbid-packages': '# tools\nPyYAML\n\n  mypy  \n# end\n',
      data: 'a=1\r\nb=2',
    });
    expect(config.forbidPackages).toEqual(['pyyaml', 'mypy']);
    expect(config.data).toEqual({ a: '1', b: '2' });
  });
});

describe('the forbid lists add to their defaults', () => {
  const PACKAGES = ['ruff', 'xenon', 'pytest', 'pytest-cov', 'mypy', 'pyyaml', 'jinja2', 'copier'];
  const COMMANDS = ['ruff', 'pytest', 'py.test', 'mypy', 'xenon', 'copier'];

  test('--forbid-package boto3 keeps the eight defaults checked', () => {
    const config = viaCli(['--forbid-package', 'boto3']);
    expect(config.forbidPackages).toEqual([...PACKAGES, 'boto3']);
    expect(config.itemSources['forbid-packages']).toEqual([...PACKAGES.map(() => 'default'), 'cli']);
    expect(viaCli(['--forbid-command', 'black']).forbidCommands).toEqual([...COMMANDS, 'black']);
  });

  test('from every layer: the defaults plus the list of the layer that wins', () => {
    const files = { [`${CWD}/.worker-gate.yml`]: 'forbid-packages: [boto3, PyTest]\n' };
    expect(viaCli([], { files }).forbidPackages).toEqual([...PACKAGES, 'boto3']);
    expect(viaCli(['--forbid-package', 'awscli'], { files }).forbidPackages).toEqual([...PACKAGES, 'awscli']);
    expect(viaAction({ 'forbid-commands': 'black\nisort' }).forbidCommands).toEqual([
      ...COMMANDS,
      'black',
      'isort',
    ]);
  });

  test('default-forbids false drops the defaults, from any layer; require still replaces', () => {
    expect(viaCli(['--no-default-forbids', '--forbid-package', 'boto3']).forbidPackages).toEqual(['boto3']);
    expect(viaCli(['--no-default-forbids']).forbidCommands).toEqual([]);
    expect(viaFile('default-forbids: false\nforbid-commands: [black]\n').forbidCommands).toEqual(['black']);
    const files = { [`${CWD}/.worker-gate.yml`]: 'default-forbids: false\n' };
    expect(viaCli(['--default-forbids'], { files }).forbidPackages).toEqual(PACKAGES);
    expect(viaCli(['--require', 'uv']).require.map((spec) => spec.name)).toEqual(['uv']);
  });
});

describe('paths', () => {
  test('--report - is standard output on the CLI; elsewhere - is a file named so', () => {
    expect(viaCli(['--report', '-']).report).toBe('-');
    expect(viaCli(['--html', '-']).html).toBe(`${CWD}/-`);
    expect(viaAction({ report: '-' }).report).toBe(`${WORKSPACE}/-`);
  });

  test('CLI paths are relative to the working directory', () => {
    const files = { [`${CWD}/docker/Dockerfile`]: 'FROM x\n' };
    const config = viaCli(['--dockerfile', 'docker/Dockerfile', '--report', '../out/r.json'], { files });
    expect(config.dockerfile).toBe(`${CWD}/docker/Dockerfile`);
    expect(config.context).toBe(`${CWD}/docker`);
    expect(config.report).toBe('/home/me/out/r.json');
  });

  test('action paths are relative to GITHUB_WORKSPACE', () => {
    const files = { [`${WORKSPACE}/Dockerfile`]: 'FROM x\n' };
    expect(viaAction({ dockerfile: 'Dockerfile', junit: 'out/j.xml' }, { files })).toMatchObject({
      dockerfile: `${WORKSPACE}/Dockerfile`,
      junit: `${WORKSPACE}/out/j.xml`,
    });
  });

  test("config file paths are relative to the file's folder", () => {
    const files = {
      '/repo/ci/wg.yml': 'dockerfile: ../images/Dockerfile\ntemplate: tpl\nhtml: /abs/r.html\n',
      '/repo/images/Dockerfile': 'FROM x\n',
      '/repo/ci/tpl/copier.yml': '',
    };
    const config = viaCli(['--config', '/repo/ci/wg.yml'], { files });
    expect(config).toMatchObject({
      configFile: '/repo/ci/wg.yml',
      dockerfile: '/repo/images/Dockerfile',
      context: '/repo/images',
      template: '/repo/ci/tpl',
      html: '/abs/r.html',
    });
  });

  test('a context given stays; a template URL is not a path', () => {
    const config = viaCli(['--context', 'ctx', '--template', 'https://example.com/t.git'], {
      folders: [`${CWD}/ctx`],
    });
    expect(config.context).toBe(`${CWD}/ctx`);
    expect(config.template).toBe('https://example.com/t.git');
  });
});

describe('the config file', () => {
  const file = (yaml: string) => inputErrorOf(() => viaFile(yaml));

  test('an unknown key is refused with the nearest key', () => {
    const error = file('max-img-size: 1GB\n');
    expect(error.message).toBe(
      '.worker-gate.yml: unknown key "max-img-size" (did you mean "max-image-size"?)',
    );
    expect(error.input).toBe('.worker-gate.yml: max-img-size');
  });

  test("a repeatable's CLI spelling points to the plural key", () => {
    expect(file('build-arg: [A=1]\n').message).toContain('(did you mean "build-args"?)');
  });

  test('a key far from any option gets no suggestion; every bad key is listed', () => {
    const error = file('colour: blue\nmemroy: 1GB\n');
    expect(error.message).toBe('.worker-gate.yml: unknown key "colour"');
    expect(error.details).toEqual(['.worker-gate.yml: unknown key "memroy" (did you mean "memory"?)']);
  });

  test.each([
    ['summary', 'it is a file path on the CLI and true/false in the action'],
    ['config', 'it names the config file itself'],
    ['github-token', 'a token does not belong in a file in the repository'],
    ['explain', 'it chooses what the action does; on the CLI it is the explain command'],
  ])('%s belongs to a front door, not the file, and the refusal says why', (key, reason) => {
    expect(file(`${key}: x\n`).message).toBe(
      `.worker-gate.yml: "${key}" cannot be set in the config file: ${reason}`,
    );
  });

  test('comment is a config key: the action takes it from the file unless the input is set', () => {
    const files = { [`${WORKSPACE}/.worker-gate.yml`]: 'comment: true\n' };
    expect(viaAction({}, { files })).toMatchObject({ comment: true });
    expect(viaAction({ comment: 'false' }, { files })).toMatchObject({ comment: false });
    // The CLI posts no comment, whatever the file says.
    expect(viaCli([], { files: { [`${CWD}/.worker-gate.yml`]: 'comment: true\n' } }).comment).toBe(false);
  });

  test('invalid YAML is one line naming the file and the place', () => {
    const error = file('memory: [2GiB\n');
    expect(error.message).toMatch(/^\.worker-gate\.yml: invalid YAML: .*line \d+/);
    expect(error.message).not.toContain('\n');
  });

  test('a repeated key is invalid YAML', () => {
    expect(file('memory: 1GB\nmemory: 2GB\n').message).toMatch(/^\.worker-gate\.yml: invalid YAML: .*unique/);
  });

  test('the file must be a mapping', () => {
    expect(file('- memory\n').message).toBe(
      '.worker-gate.yml: expected a mapping of option names to values, like "memory: 2GiB"',
    );
  });

  test('an empty file or only comments is fine', () => {
    expect(viaFile('# nothing yet\n').warmRuns).toBe(3);
  });

  test('no default file is fine; a missing --config file is not', () => {
    expect(viaCli([]).configFile).toBeUndefined();
    const error = inputErrorOf(() => viaCli(['--config', 'ci/wg.yml']));
    expect(error.message).toBe('cannot read --config "ci/wg.yml": no such file');
    expect(error.input).toBe('--config');
  });

  test('the action names its config input, relative to the workspace', () => {
    expect(inputErrorOf(() => viaAction({ config: 'wg.yml' })).message).toBe(
      'cannot read config input "wg.yml": no such file',
    );
    const files = { [`${WORKSPACE}/ci/wg.yml`]: 'warm-runs: 7\n' };
    expect(viaAction({ config: 'ci/wg.yml' }, { files }).warmRuns).toBe(7);
  });

  test('an unreadable default file is an error, not "no file"', () => {
    const readFile = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    const error = inputErrorOf(() =>
      resolveConfig({
        frontDoor: 'cli',
        command: 'verify',
        overrides: {},
        env: {},
        cwd: CWD,
        assetsDir: '/pkg',
        checks: CHECKS,
        readFile,
      }),
    );
    expect(error.message).toBe('cannot read .worker-gate.yml: permission denied');
  });

  test('readConfigFile returns raw values by option name', () => {
    const read = fakeFs({ '/x/wg.yml': 'memory: 2GiB\nrequire: [uv]\n' });
    expect(readConfigFile('/x/wg.yml', { readFile: read })).toEqual({
      path: '/x/wg.yml',
      label: '/x/wg.yml',
      values: { memory: '2GiB', require: ['uv'] },
      problems: [],
    });
  });
});

describe('options that differ by front door', () => {
  test('summary: a file on the CLI, the job summary (default on) in the action', () => {
    expect(viaCli([])).toMatchObject({ summaryFile: undefined, jobSummary: false });
    expect(viaCli(['--summary', 'out/s.md'])).toMatchObject({
      summaryFile: `${CWD}/out/s.md`,
      jobSummary: false,
    });
    expect(viaAction({})).toMatchObject({ summaryFile: undefined, jobSummary: true });
    expect(viaAction({ summary: 'false' }).jobSummary).toBe(false);
    expect(inputErrorOf(() => viaAction({ summary: 'out.md' })).message).toBe(
      'invalid summary input "out.md": expected true or false',
    );
  });

  test('report: the action always writes one, in RUNNER_TEMP by default', () => {
    expect(viaCli([]).report).toBeUndefined();
    expect(viaAction({}).report).toBe('/runner/temp/worker-gate-report.json');
    expect(viaAction({ report: 'r.json' }).report).toBe(`${WORKSPACE}/r.json`);
  });

  test('comment and github-token are action inputs; the CLI reads GITHUB_TOKEN', () => {
    expect(viaAction({ comment: 'true', 'github-token': 'ghs_x' })).toMatchObject({
      comment: true,
      githubToken: 'ghs_x',
    });
    expect(viaAction({})).toMatchObject({ comment: false, githubToken: undefined });
    const cli = viaCli([], { env: { GITHUB_TOKEN: 'ghp_y' } });
    expect(cli).toMatchObject({ comment: false, githubToken: 'ghp_y' });
    expect(cli.sources['github-token']).toBe('env');
    expect(() => viaCli(['--comment'])).toThrow(/unknown option --comment/);
    expect(() => viaCli(['--github-token', 'x'])).toThrow(/unknown option --github-token/);
  });
});

describe('required options', () => {
  test.each(['check', 'e2e'] as const)('%s needs an image', (command) => {
    const error = inputErrorOf(() => viaCli([], { command }));
    expect(error.message).toBe(`${command} needs --image`);
    expect(error.input).toBe('--image');
    expect(inputErrorOf(() => viaAction({}, { command })).message).toBe(`${command} needs image input`);
  });

  test('an image from the config file counts; verify builds one', () => {
    expect(viaFile('image: worker:dev\n', { command: 'check' }).image).toBe('worker:dev');
    expect(viaCli([], { command: 'verify' }).image).toBeUndefined();
    const files = { [`${CWD}/.worker-gate.yml`]: 'memory: 1GB\n' };
    expect(inputErrorOf(() => viaCli([], { command: 'e2e', files })).message).toBe(
      'e2e needs --image, or set image in .worker-gate.yml',
    );
  });
});

describe('ca-bundle', () => {
  const files = { '/certs/ca.pem': PEM, '/certs/empty.pem': 'not a certificate\n' };

  test('the bundle is read once, and its bytes are what the e2e gets', () => {
    const readFile = fakeFs(files);
    const config = resolveConfig({
      frontDoor: 'cli',
      command: 'e2e',
      overrides: { image: 'w:1', 'ca-bundle': '/certs/ca.pem' },
      env: {},
      cwd: CWD,
      assetsDir: '/pkg',
      checks: CHECKS,
      readFile,
    });
    expect(config.caPem?.toString()).toBe(PEM);
    expect(readFile.reads.filter((file) => file === '/certs/ca.pem')).toHaveLength(1);
    const fromHost = viaCli([], { files, env: { SSL_CERT_FILE: '/certs/ca.pem' } });
    expect(fromHost.caPem?.toString()).toBe(PEM);
    expect(viaCli([], { files, env: {} }).caPem).toBeUndefined();
  });

  test('a given bundle must be a readable PEM file', () => {
    expect(viaCli(['--ca-bundle', '/certs/ca.pem'], { files }).caBundle).toBe('/certs/ca.pem');
    expect(inputErrorOf(() => viaCli(['--ca-bundle', '/certs/none.pem'], { files })).message).toBe(
      'cannot read --ca-bundle "/certs/none.pem": no such file',
    );
    const notPem = inputErrorOf(() => viaAction({ 'ca-bundle': '/certs/empty.pem' }, { files }));
    expect(notPem.message).toBe(
      'invalid ca-bundle input "/certs/empty.pem": expected a PEM CA bundle holding at least one "-----BEGIN CERTIFICATE-----" block',
    );
    expect(notPem.input).toBe('ca-bundle input');
  });

  test("the config file's bundle is read relative to the file and named by it", () => {
    const withFile = { ...files, '/certs/wg.yml': 'ca-bundle: empty.pem\n' };
    expect(inputErrorOf(() => viaCli(['--config', '/certs/wg.yml'], { files: withFile })).message).toMatch(
      /^\/certs\/wg\.yml: invalid ca-bundle "\/certs\/empty\.pem": expected a PEM/,
    );
  });

  test("by default the host's SSL_CERT_FILE, when it exists", () => {
    const config = viaCli([], { files, env: { SSL_CERT_FILE: '/certs/ca.pem' } });
    expect(config.caBundle).toBe('/certs/ca.pem');
    expect(config.sources['ca-bundle']).toBe('env');
    expect(viaCli([], { files, env: { SSL_CERT_FILE: '/certs/gone.pem' } }).caBundle).toBeUndefined();
    expect(viaCli([], { files, env: {} }).caBundle).toBeUndefined();
  });

  test('an SSL_CERT_FILE that is not PEM is an error naming it', () => {
    const error = inputErrorOf(() => viaCli([], { files, env: { SSL_CERT_FILE: '/certs/empty.pem' } }));
    expect(error.message).toMatch(
      /^invalid SSL_CERT_FILE "\/certs\/empty\.pem" \(the default --ca-bundle\): expected a PEM/,
    );
    expect(error.input).toBe('SSL_CERT_FILE');
  });

  test('commands that start no worker read no bundle', () => {
    const readFile = fakeFs(files);
    const config = resolveConfig({
      frontDoor: 'cli',
      command: 'check',
      overrides: { image: 'w:1' },
      env: { SSL_CERT_FILE: '/certs/empty.pem' },
      cwd: CWD,
      assetsDir: '/pkg',
      checks: CHECKS,
      readFile,
    });
    expect(config.caBundle).toBeUndefined();
    expect(config.caPem).toBeUndefined();
    expect(readFile.reads).toEqual([`${CWD}/.worker-gate.yml`]);
  });
});

describe('try-fixes: the speed-up kinds to apply and measure', () => {
  test('off by default; repeatable on the CLI, a list in the file, one per line in the action', () => {
    expect(viaCli([]).tryFixes).toEqual([]);
    expect(viaCli(['--try-fix', 'local-rebuilds', '--try-fix', 'link-mode']).tryFixes).toEqual([
      'local-rebuilds',
      'link-mode',
    ]);
    expect(viaFile('try-fixes: [all]\n').tryFixes).toEqual(['all']);
    expect(viaAction({ 'try-fixes': 'layout\ncompile-bytecode' }).tryFixes).toEqual([
      'layout',
      'compile-bytecode',
    ]);
  });

  test('an unknown kind is refused with the nearest one and every kind, all problems at once', () => {
    const error = inputErrorOf(() => viaCli(['--try-fix', 'local-rebuild', '--try-fix', 'bogus']));
    expect(error.message).toContain(
      'invalid --try-fix "local-rebuild": expected a speed-up kind (did you mean local-rebuilds?): layout, local-rebuilds, editable-rebuilds, link-mode, compile-bytecode, all',
    );
    expect(error.details.join('\n')).toContain(
      'invalid --try-fix "bogus": expected a speed-up kind: layout,',
    );
  });
});
