/**
 * The rules across options and against the host's files (src/config/rules.ts):
 * each refused through the door it came from, named as the user spelled it,
 * every problem at once.
 */
import { describe, expect, test } from 'vitest';
import { type Config, resolveConfig } from '../../../src/config/config.js';
import { CHECKS } from '../../../src/judge/registry.js';
import { CWD, fakeFs, fakePaths, inputErrorOf, type Run, viaAction, viaCli, viaFile } from './helpers.js';

type Door = () => Config;

const lines = (door: Door): string[] => {
  const error = inputErrorOf(door);
  return [error.message, ...error.details];
};

describe('refused, one line each naming the input', () => {
  const run =
    (args: string[], extra: Run = {}) =>
    () =>
      viaCli(args, extra);
  test.each<[string, Door, string | RegExp]>([
    // skip-checks: one registry of ids
    [
      'an unknown check id, listing the known ones',
      run(['--skip-check', 'nonsense-id']),
      /^invalid --skip-check "nonsense-id": expected a known check id: non-root-user, cache-dir-writable, .*forbid-package:NAME$/,
    ],
    [
      'a near miss gets a suggestion',
      run(['--skip-check', 'non-root-usr']),
      /expected a known check id \(did you mean non-root-user\?\)/,
    ],
    [
      'the start of an id gets the id it starts',
      run(['--skip-check', 'non-root']),
      /^invalid --skip-check "non-root": expected a known check id \(did you mean non-root-user\?\)/,
    ],
    [
      'an audit id with verify, which has no such check',
      run(['--skip-check', 'pids-limit']),
      'invalid --skip-check "pids-limit": pids-limit is a check of audit, not of verify, so it would skip nothing',
    ],
    [
      "an image's id with audit",
      run(['--skip-check', 'non-root-user'], { command: 'audit' }),
      'invalid --skip-check "non-root-user": non-root-user is a check of an image (check, e2e, verify), not of audit, so it would skip nothing',
    ],
    [
      'a family with audit',
      run(['--skip-check', 'forbid-package:pytest'], { command: 'audit' }),
      'invalid --skip-check "forbid-package:pytest": forbid-package:pytest is a check of an image (check, e2e, verify), not of audit, so it would skip nothing',
    ],
    [
      "audit's near miss suggests audit's own id",
      run(['--skip-check', 'pids-limits'], { command: 'audit' }),
      /^invalid --skip-check "pids-limits": expected a known check id \(did you mean pids-limit\?\): (?!.*non-root-user)/,
    ],
    [
      'a timing gate with skip-e2e',
      run(['--skip-e2e', '--min-setup-speedup', '2']),
      "--min-setup-speedup cannot apply with --skip-e2e: it judges the end-to-end run's setup times, which skip-e2e does not run; drop one of them",
    ],
    [
      'a timing gate from the config file with skip-e2e from a flag',
      run(['--skip-e2e'], { files: { [`${CWD}/.worker-gate.yml`]: 'max-warm-setup-seconds: 30\n' } }),
      ".worker-gate.yml: max-warm-setup-seconds cannot apply with --skip-e2e: it judges the end-to-end run's setup times, which skip-e2e does not run; drop one of them",
    ],
    [
      'a family member whose NAME is not in the list, naming the list',
      run(['--skip-check', 'forbid-package:nonsense']),
      'invalid --skip-check "forbid-package:nonsense": expected forbid-package:NAME for a NAME in forbid-packages, which has no nonsense (it holds ruff, xenon, pytest, pytest-cov, mypy, pyyaml, jinja2, copier)',
    ],
    [
      'require:NAME follows the require list as given',
      run(['--require', 'uv', '--skip-check', 'require:git']),
      /^invalid --skip-check "require:git": expected require:NAME for a NAME in require, which has no git \(it holds uv\)$/,
    ],
    [
      'a check skip-checks does not turn off says what does',
      run(['--skip-check', 'python-fits-template']),
      'invalid --skip-check "python-fits-template": python-fits-template cannot be skipped: set allow-python-mismatch to make it a warning',
    ],
    [
      'a timing gate is off unless set',
      run(['--skip-check', 'min-setup-speedup']),
      /min-setup-speedup cannot be skipped: it runs only when min-setup-speedup is set$/,
    ],
    // unset-env UV_CACHE_DIR needs the separate layout
    [
      'unset-env UV_CACHE_DIR with the shared layout',
      run(['--unset-env', 'UV_CACHE_DIR', '--cache-layout', 'both']),
      "--unset-env UV_CACHE_DIR cannot run --cache-layout both: the shared layout's cache is a folder of the workspace volume, which only UV_CACHE_DIR points uv at; use cache-layout separate",
    ],
    // options that need another
    [
      'max-layout-ratio without cache-layout both',
      run(['--max-layout-ratio', '1.5']),
      '--max-layout-ratio needs --cache-layout both: it compares the separate layout with the shared one, so both must run (it is separate)',
    ],
    [
      'max-warm-setup-regression without baseline-ref',
      run(['--max-warm-setup-regression', '1.25']),
      '--max-warm-setup-regression needs --baseline-ref: it measures the image built at that ref beside this one',
    ],
    [
      'two baselines',
      run(['--baseline-image', 'w:main', '--baseline-ref', 'main']),
      'give one baseline, not --baseline-image and --baseline-ref',
    ],
    [
      'build with an image from the config file',
      () => viaFile('image: w:1\n', { command: 'build' }),
      'build builds an image: drop .worker-gate.yml: image, or use check or verify',
    ],
    // report paths
    [
      'a report path that is a folder',
      run(['--report', '/out']),
      'invalid --report "/out": it is a folder: name the file to write',
    ],
    [
      'a report under a file',
      run(['--html', '/src/Dockerfile/r.html']),
      'invalid --html "/src/Dockerfile/r.html": /src/Dockerfile is not a folder, so the file cannot be made there',
    ],
    [
      'a report in a read-only folder (missing folders below it would be made)',
      run(['--junit', '/ro/new/j.xml'], { folders: ['/ro'], readOnly: ['/ro'] }),
      'invalid --junit "/ro/new/j.xml": cannot write in /ro: permission denied',
    ],
    [
      'two outputs at one path',
      run(['--report', '/out/r', '--junit', '/out/r']),
      '--report and --junit name one file, /out/r: give each its own',
    ],
    [
      'an output over the config file',
      () => viaCli(['--summary', '.worker-gate.yml'], { files: { [`${CWD}/.worker-gate.yml`]: '' } }),
      `--summary would overwrite .worker-gate.yml (${CWD}/.worker-gate.yml): write the report elsewhere`,
    ],
    // files the command reads
    [
      'a template folder that is not there',
      run(['--template', 'tpl']),
      `invalid --template "${CWD}/tpl": there is no such folder: give a copier template folder or a git URL`,
    ],
    [
      'a Dockerfile that is not there',
      run(['--dockerfile', 'nope/Dockerfile'], { command: 'build' }),
      `invalid --dockerfile "${CWD}/nope/Dockerfile": there is no such file`,
    ],
    [
      'a context that is a file',
      run(['--context', '/src/Dockerfile'], { command: 'build' }),
      'invalid --context "/src/Dockerfile": it is not a folder',
    ],
    [
      'a baseline report that is not there',
      run(['--baseline-report', '/base/none.json', '--image', 'w:1'], { command: 'check' }),
      'invalid --baseline-report "/base/none.json": there is no such file',
    ],
    ['a command without its required option', run([], { command: 'e2e' }), 'e2e needs --image'],
    // the scaffolder and the handoff
    [
      'scaffold-cache shared with a root scaffolder (the default)',
      run(['--scaffold-cache', 'shared']),
      '--scaffold-cache shared cannot run with --scaffolder-user root (the default): a root scaffolder would leave root-owned entries in the cache that the workers cannot write; set scaffolder-user image, or scaffold-cache own as production runs',
    ],
    [
      'scaffold-cache shared with both layouts',
      run(['--scaffold-cache', 'shared', '--scaffolder-user', 'image', '--cache-layout', 'both']),
      "--scaffold-cache shared cannot run with --cache-layout both: the scaffolder's setup would be the cold run of one layout only; run one layout at a time, or use scaffold-cache own",
    ],
    [
      'handoff mount with the shared layout',
      run(['--handoff', 'mount', '--cache-layout', 'shared']),
      "--handoff mount cannot run with --cache-layout shared: the handed-over workspace is a mount of its own, apart from the workers' cache; use cache-layout separate",
    ],
    [
      'a timing gate with handoff mount',
      run(['--handoff', 'mount', '--max-warm-setup-seconds', '10']),
      "--max-warm-setup-seconds cannot apply with --handoff mount: a handed-over workspace's setup runs with its venvs present, so it is neither cold nor warm, and the timing gates read clone runs only; use handoff clone for timings",
    ],
    [
      'handoff-fixup without handoff mount',
      run(['--handoff-fixup', 'true']),
      '--handoff-fixup needs --handoff mount: it repairs the venvs of a handed-over workspace (it is clone)',
    ],
    [
      'handoff-path without handoff mount',
      run(['--handoff-path', '/w']),
      "--handoff-path needs --handoff mount: it is where a developer worker gets its copy of the scaffolder's workspace (it is clone)",
    ],
  ])('%s', (_, door, expected) => {
    const [first, ...rest] = lines(door);
    expect(rest).toEqual([]);
    if (typeof expected === 'string') expect(first).toBe(expected);
    else expect(first).toMatch(expected);
  });
});

describe('allowed where the rule holds', () => {
  test.each<[string, Door]>([
    ['a whole family', () => viaCli(['--skip-check', 'forbid-package'])],
    ['a member of the list, in any spelling', () => viaCli(['--skip-check', 'forbid-package:PyYAML'])],
    ['cache-shared (issue 13 emits it)', () => viaCli(['--skip-check', 'cache-shared'])],
    ['handoff-venvs (issue 22 emits it)', () => viaCli(['--skip-check', 'handoff-venvs'])],
    ['max-layout-ratio with both', () => viaCli(['--max-layout-ratio', '1.5', '--cache-layout', 'both'])],
    [
      'scaffold-cache shared with the image user as scaffolder',
      () => viaCli(['--scaffold-cache', 'shared', '--scaffolder-user', 'image']),
    ],
    [
      'handoff mount with a fix-up and a path, on the separate layout',
      () => viaCli(['--handoff', 'mount', '--handoff-fixup', 'true', '--handoff-path', '/home/worker/ws']),
    ],
    ['unset-env UV_CACHE_DIR with the separate layout', () => viaCli(['--unset-env', 'UV_CACHE_DIR'])],
    [
      'unset-env of another name with both layouts',
      () => viaCli(['--unset-env', 'PYTHONPATH', '--cache-layout', 'both']),
    ],
    [
      'skip-checks env-leaks and uv-version-change',
      () => viaCli(['--skip-check', 'env-leaks', '--skip-check', 'uv-version-change']),
    ],
    [
      'max-warm-setup-regression with baseline-ref from the file',
      () =>
        viaCli(['--max-warm-setup-regression', '1.25'], {
          files: { [`${CWD}/.worker-gate.yml`]: 'baseline-ref: main\n' },
        }),
    ],
    ['a report in a folder still to be made', () => viaCli(['--report', '/out/new/deeper/r.json'])],
    ['a template URL is not looked for', () => viaCli(['--template', 'https://example.com/t.git'])],
    ['no template is read when e2e is skipped', () => viaCli(['--template', 'tpl', '--skip-e2e'])],
    ['check reads no template', () => viaFile('template: tpl\nimage: w:1\n', { command: 'check' })],
    ['verify with an image builds nothing', () => viaCli(['--image', 'w:1', '--context', '/none'])],
  ])('%s', (_, door) => {
    expect(door).not.toThrow();
  });
});

describe('every problem at once, in the spelling of its door', () => {
  test('flags, file keys and rules together', () => {
    const files = { [`${CWD}/.worker-gate.yml`]: 'warm-runs: 100000\nskip-checks: [non-root-user, bogus]\n' };
    expect(
      lines(() =>
        viaCli(['--max-size-increase', '150', '--report', '/out', '--max-layout-ratio', '2'], { files }),
      ),
    ).toEqual([
      'invalid --max-size-increase "150": expected a size with its unit or a percent, not a bare number: say 150MB or 150%',
      '.worker-gate.yml: invalid warm-runs 100000: expected a whole number ≥ 1 and ≤ 20',
      '--max-layout-ratio needs --cache-layout both: it compares the separate layout with the shared one, so both must run (it is separate)',
      expect.stringMatching(
        /^\.worker-gate\.yml: invalid skip-checks item 2 "bogus": expected a known check id/,
      ),
      'invalid --report "/out": it is a folder: name the file to write',
    ]);
  });

  test('a bad config file: unknown keys, a key the file refuses and bad values, all in one run', () => {
    const files = {
      [`${CWD}/.worker-gate.yml`]:
        'max-image-sise: 400MB\nwarm-runs: 99\ncache-layout: x\ngithub-token: ghs_x\nskip-checks: [non-root]\n',
    };
    expect(lines(() => viaCli([], { files }))).toEqual([
      '.worker-gate.yml: unknown key "max-image-sise" (did you mean "max-image-size"?)',
      '.worker-gate.yml: "github-token" cannot be set in the config file: a token does not belong in a file in the repository',
      '.worker-gate.yml: invalid warm-runs 99: expected a whole number ≥ 1 and ≤ 20',
      '.worker-gate.yml: invalid cache-layout "x": expected one of separate, shared, both',
      expect.stringMatching(
        /^\.worker-gate\.yml: invalid skip-checks item 1 "non-root": expected a known check id \(did you mean non-root-user\?\)/,
      ),
    ]);
  });

  test('action inputs are named as inputs', () => {
    expect(
      lines(() => viaAction({ 'max-layout-ratio': '2', junit: '/out', html: '/out/x', report: '/out/x' })),
    ).toEqual([
      'max-layout-ratio input needs cache-layout input both: it compares the separate layout with the shared one, so both must run (it is separate)',
      'invalid junit input "/out": it is a folder: name the file to write',
      'report input and html input name one file, /out/x: give each its own',
    ]);
  });

  test('inputs of another mode of the action are refused, all at once, not ignored', () => {
    expect(
      lines(() =>
        viaAction({
          engines: 'ssh://ops@workers-1',
          filters: 'label=role=worker',
          reports: 'cells/*.json',
          audit: 'false',
          merge: 'false',
          'warm-runs': '0',
        }),
      ),
    ).toEqual([
      'invalid warm-runs input "0": expected a whole number ≥ 1 and ≤ 20',
      'filters input applies only with audit: true (without it the action verifies an image): set audit: true to audit the live workers, or drop filters',
      "reports input applies only with merge: true (without it the action verifies an image): set merge: true to merge a matrix's reports, or drop reports",
      'engines input applies only with audit: true (without it the action verifies an image): set audit: true to audit the live workers, or drop engines',
    ]);
    // The config file's keys are shared by every command: an audit's filters there are no problem for verify.
    expect(() => viaFile('filters: [label=role=worker]\n')).not.toThrow();
    expect(() =>
      viaAction({ audit: 'true', filters: 'label=role=worker' }, { command: 'audit' }),
    ).not.toThrow();
  });

  test('a rule about an option whose value is already refused stays quiet', () => {
    expect(lines(() => viaCli(['--cache-layout', 'bogus', '--max-layout-ratio', '2']))).toEqual([
      'invalid --cache-layout "bogus": expected one of separate, shared, both',
    ]);
    expect(
      lines(() => viaCli(['--forbid-package', 'Bad!', '--skip-check', 'forbid-package:other'])),
    ).toHaveLength(1);
  });

  test('a CA bundle problem comes with the rest', () => {
    const readFile = fakeFs({});
    const error = inputErrorOf(() =>
      resolveConfig({
        frontDoor: 'cli',
        command: 'e2e',
        overrides: { 'ca-bundle': '/none.pem', 'warm-runs': '21' },
        env: {},
        cwd: CWD,
        assetsDir: '/pkg',
        checks: CHECKS,
        readFile,
        paths: fakePaths({}),
      }),
    );
    expect([error.message, ...error.details]).toEqual([
      'invalid --warm-runs "21": expected a whole number ≥ 1 and ≤ 20',
      'e2e needs --image',
      'cannot read --ca-bundle "/none.pem": no such file',
    ]);
  });
});
