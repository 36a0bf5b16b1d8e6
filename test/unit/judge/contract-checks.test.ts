import { describe, expect, test } from 'vitest';
import { parseVolumeProbe } from '../../../src/contract/cache-dir.js';
import { distributions } from '../../../src/contract/distributions.js';
import { parseViewOutput } from '../../../src/contract/probe-output.js';
import { cacheDirCheck } from '../../../src/judge/cache-dir.js';
import { forbidCommandCheck, requireCheck } from '../../../src/judge/commands.js';
import { forbidPackageCheck } from '../../../src/judge/packages.js';
import { pinnedImagesCheck, unpinnedReason } from '../../../src/judge/pinned.js';
import { lastUserLine, nonRootUserCheck } from '../../../src/judge/user.js';
import { parseRequireSpec } from '../../../src/model/versions.js';

const view = (lines: string[]) => parseViewOutput([...lines, '@@wg done'].join('\n'));
const WHO = "the image's user worker (uid 1000)";

describe('requireCheck', () => {
  const user = view([
    '@@wg begin version uv 0 /usr/local/bin/uv',
    '| uv 0.13.9 (x86_64-unknown-linux-musl)',
    '@@wg end',
    '@@wg begin version make 127 /usr/bin/make',
    '| make: error while loading shared libraries',
    '@@wg end',
    '@@wg missing git',
  ]);

  test('passes with the version found and the range it meets', () => {
    const check = requireCheck(parseRequireSpec('uv>=0.9,<1'), user, WHO);
    expect(check).toMatchObject({ id: 'require:uv', status: 'pass' });
    expect(check.summary).toBe('uv 0.13.9 at /usr/local/bin/uv, meets >=0.9,<1');
  });

  test('fails outside the range, naming both', () => {
    const check = requireCheck(parseRequireSpec('uv>=1'), user, WHO);
    expect(check.status).toBe('fail');
    expect(check.summary).toBe('uv>=1 is required; found uv 0.13.9 at /usr/local/bin/uv');
    expect(check.items?.[0]?.finding).toEqual({ path: '/usr/local/bin/uv', version: '0.13.9' });
  });

  test('fails when missing, and when it does not run', () => {
    expect(requireCheck(parseRequireSpec('git'), user, WHO).summary).toBe(
      "git is required but not found on PATH for the image's user worker (uid 1000)",
    );
    const make = requireCheck(parseRequireSpec('make'), user, WHO);
    expect(make.status).toBe('fail');
    expect(make.summary).toMatch(/exits 127 .*error while loading shared libraries/);
  });
});

describe('forbidCommandCheck', () => {
  test('merges what the user, root and the PATH scan saw, per path', () => {
    const user = view(['@@wg resolve ruff /home/worker/.local/bin/ruff']);
    const root = view(['@@wg resolve ruff /usr/local/bin/ruff', '@@wg exe ruff /usr/local/bin/ruff']);
    const check = forbidCommandCheck('ruff', user, root, WHO);
    expect(check.status).toBe('fail');
    expect(check.items?.map((i) => i.text)).toEqual([
      "/home/worker/.local/bin/ruff (on PATH for the image's user worker (uid 1000))",
      "/usr/local/bin/ruff (on PATH for root and in a folder of the image's PATH)",
    ]);
  });

  test('passes when nothing resolves anywhere', () => {
    expect(forbidCommandCheck('mypy', view([]), view([]), WHO).status).toBe('pass');
  });
});

describe('forbidPackageCheck', () => {
  const site = { kind: 'global' as const, path: '/usr/local/lib/python3.12/site-packages' };
  const all = distributions([
    {
      file: `${site.path}/PyYAML-6.0.2.dist-info/METADATA`,
      site,
      headers: ['Name: PyYAML', 'Version: 6.0.2'],
    },
    {
      file: `${site.path}/copier-9.dist-info/METADATA`,
      site,
      headers: ['Name: copier', 'Version: 9', 'Requires-Dist: pyyaml'],
    },
    {
      file: `${site.path}/wrap-1.dist-info/METADATA`,
      site,
      headers: ['Name: wrap', 'Version: 1', 'Requires-Dist: PyYAML'],
    },
    { file: `${site.path}/ruff-0.6.dist-info/METADATA`, site, headers: ['Name: ruff', 'Version: 0.6'] },
  ]);
  const forbidden = new Set(['pyyaml', 'copier', 'ruff']);

  test('a leftover tool stands alone', () => {
    const check = forbidPackageCheck('ruff', all, [site], forbidden, {});
    expect(check.status).toBe('fail');
    expect(check.items?.[0]?.text).toBe(
      `ruff 0.6 at ${site.path}/ruff-0.6.dist-info, stands alone: nothing installed needs it`,
    );
  });

  test('a dependency names what needs it, marking the forbidden ones', () => {
    const check = forbidPackageCheck('PyYAML', all, [site], forbidden, {});
    expect(check.id).toBe('forbid-package:pyyaml');
    expect(check.items?.[0]?.finding.requiredBy).toEqual(['copier', 'wrap']);
    expect(check.items?.[0]?.text).toContain('required by copier 9 (itself forbidden) and wrap 1');
  });

  test('an allowed package passes and carries its reason', () => {
    const check = forbidPackageCheck('pyyaml', all, [site], forbidden, { pyyaml: 'the wrapper reads YAML' });
    expect(check.status).toBe('pass');
    expect(check.items?.[0]?.finding.allowedReason).toBe('the wrapper reads YAML');
  });

  test('absent: passes', () => {
    expect(forbidPackageCheck('mypy', all, [site], forbidden, {}).status).toBe('pass');
  });
});

describe('nonRootUserCheck', () => {
  const dockerfile = 'FROM a AS b\nUSER nobody\nFROM c\nRUN x\nUSER worker\nUSER root\n';

  test('judges by the uid the image runs as', () => {
    expect(nonRootUserCheck('toor', view(['@@wg identity 0 0 /root'])).status).toBe('fail');
    expect(nonRootUserCheck('worker', view(['@@wg identity 1000 1000 /home/worker'])).status).toBe('pass');
  });

  test('falls back to the configured name when the probe could not tell', () => {
    expect(nonRootUserCheck('', view([])).status).toBe('fail');
    expect(nonRootUserCheck('0:0', view([])).status).toBe('fail');
    expect(nonRootUserCheck('1000', view([])).status).toBe('pass');
  });

  test("points at the final stage's last USER line", () => {
    expect(lastUserLine(dockerfile)).toBe(6);
    expect(nonRootUserCheck('root', view(['@@wg identity 0 0 /root']), dockerfile).line).toBe(6);
  });
});

describe('cache folder', () => {
  test('reads the volume probe', () => {
    expect(parseVolumeProbe('/c', '@@wg write cannot-create\n@@wg owner drwxr-xr-x 0 0 1000\n')).toEqual({
      dir: '/c',
      outcome: 'cannot-create',
      mode: 'drwxr-xr-x',
      ownerUid: 0,
      ownerGid: 0,
      uid: 1000,
    });
    expect(parseVolumeProbe('/c', 'sh: 1: cannot create')).toBeUndefined();
  });

  test('says why: a folder the image lacks, or one owned by someone else', () => {
    const probe = { dir: '/c', outcome: 'cannot-create' as const, ownerUid: 0, ownerGid: 0, uid: 1000 };
    const missing = cacheDirCheck(probe, { path: '/c', present: false }, WHO);
    expect(missing.summary).toContain('the image has no /c, so the volume is root');
    expect(missing.attributePaths).toBeUndefined();
    const owned = cacheDirCheck(probe, { path: '/c', present: true }, WHO);
    expect(owned.summary).toContain('owned by uid 0:0, not by the user');
    expect(owned.attributePaths).toEqual(['/c']);
  });
});

describe('pinned images', () => {
  test.each([
    ['python:3.12-slim', undefined],
    ['ghcr.io/astral-sh/uv:0.13.9', undefined],
    ['ghcr.io/astral-sh/uv:latest', 'the tag latest'],
    ['python', 'no tag (means latest)'],
    ['localhost:5000/team/python', 'no tag (means latest)'],
    ['localhost:5000/team/python:3.12', undefined],
    ['python@sha256:abcd', undefined],
  ])('%j → %j', (ref, reason) => {
    expect(unpinnedReason(ref)).toBe(reason);
  });

  const text =
    'ARG UV=ghcr.io/astral-sh/uv:latest\nFROM $UV AS uv\nFROM python:3.12-slim\nCOPY --from=uv /uv /bin/\nCOPY --from=busybox /bin/sh /sh\n';

  test('warns by default, naming each line; fails when pins are required', () => {
    const warn = pinnedImagesCheck({ path: 'Dockerfile', text, buildArgs: {} }, false);
    expect(warn.status).toBe('warn');
    expect(warn.line).toBe(2);
    expect(warn.items?.map((i) => i.text)).toEqual([
      'FROM ghcr.io/astral-sh/uv:latest (written $UV) at line 2 has the tag latest',
      'COPY --from busybox at line 5 has no tag (means latest)',
    ]);
    expect(pinnedImagesCheck({ path: 'Dockerfile', text, buildArgs: {} }, true).status).toBe('fail');
  });

  test('build args that pin the image make it pass', () => {
    const pinned = 'ARG UV=ghcr.io/astral-sh/uv:latest\nFROM $UV\n';
    expect(pinnedImagesCheck({ path: 'D', text: pinned, buildArgs: { UV: 'uv:0.13.9' } }, true).status).toBe(
      'pass',
    );
  });
});
