// Reading venv-check.py's records, the stale prefix of a broken path, and the
// words every output shows for a finding.
import { describe, expect, test } from 'vitest';
import { parseVenvCheck, venvCheckCommand } from '../../../../src/e2e/evidence/venv-check.js';
import {
  type MissingPath,
  stalePrefixOf,
  venvFindingText,
} from '../../../../src/e2e/evidence/venv-findings.js';
import type { VenvFinding } from '../../../../src/model/report.js';

const FROM = '/data/workspaces/project';

describe('venvCheckCommand', () => {
  test('the tools-folder script, isolated, by the given interpreter; the old prefix when known', () => {
    expect(venvCheckCommand('/usr/bin/python3', '/workspace', FROM)).toEqual([
      '/usr/bin/python3',
      '-I',
      '-S',
      '/worker-gate-tools/venv-check.py',
      '/workspace',
      FROM,
    ]);
    expect(venvCheckCommand('/usr/bin/python3', '/workspace')).toHaveLength(5);
  });
});

describe('parseVenvCheck', () => {
  const output = [
    'stray output of a tool',
    '@@wg venv .venv',
    '@@wg finding shebang .venv/bin/ruff',
    `@@wg target ${FROM}/.venv/bin/python`,
    '@@wg exists /data',
    `@@wg stale ${FROM}`,
    '@@wg at /workspace/.venv/bin/python',
    '@@wg finding import .venv/lib/python3.12/site-packages/framework-0.1.0.dist-info',
    "@@wg message import framework: ModuleNotFoundError: No module named 'framework'",
    '@@wg finding nonsense .venv/x',
    '@@wg target /ignored',
    '@@wg checked 1 12 1 1 1 43 41',
    '@@wg venv services/my api/.venv',
    '@@wg finding python services/my api/.venv/bin/python',
    '@@wg target /root/.local/share/uv/python/cpython-3.12/bin/python3.12',
    '@@wg exists /',
    '@@wg message cannot start: No such file or directory',
    '@@wg checked 0 0 0 0 0 1 0',
    '@@wg more-venvs 3',
    '@@wg done',
  ].join('\n');

  test('venvs with their counts, findings with their stale prefix, venvs past the cap', () => {
    expect(parseVenvCheck(output, FROM)).toEqual({
      venvs: [
        { path: '.venv', pythonOk: true, scripts: 12, pthPaths: 1, directUrls: 1, imports: 1, broken: 43 },
        {
          path: 'services/my api/.venv',
          pythonOk: false,
          scripts: 0,
          pthPaths: 0,
          directUrls: 0,
          imports: 0,
          broken: 1,
        },
      ],
      findings: [
        {
          file: '.venv/bin/ruff',
          kind: 'shebang',
          path: `${FROM}/.venv/bin/python`,
          stalePrefix: FROM,
          foundAt: '/workspace/.venv/bin/python',
        },
        {
          file: '.venv/lib/python3.12/site-packages/framework-0.1.0.dist-info',
          kind: 'import',
          message: "import framework: ModuleNotFoundError: No module named 'framework'",
        },
        {
          file: 'services/my api/.venv/bin/python',
          kind: 'python',
          path: '/root/.local/share/uv/python/cpython-3.12/bin/python3.12',
          message: 'cannot start: No such file or directory',
          stalePrefix: '/root',
        },
      ],
      venvsNotChecked: 3,
    });
  });

  test('a script that stopped before its end, or a summary it cannot read, is an error', () => {
    expect(() => parseVenvCheck(output.replace('@@wg done', ''))).toThrow('stopped before its end');
    expect(() => parseVenvCheck(output.replace('43 41', 'x'))).toThrow('a summary it cannot read');
  });
});

describe('stalePrefixOf', () => {
  const missing = (path: string, ancestor?: string, movedFrom?: string): MissingPath => ({
    path,
    ...(ancestor !== undefined ? { ancestor } : {}),
    ...(movedFrom ? { movedFrom } : {}),
  });

  test.each<[string, MissingPath, string | undefined, string | undefined]>([
    ["under the scaffolder's path: that path", missing(`${FROM}/.venv/bin/python`, '/data'), FROM, FROM],
    ['a trailing slash in it is not kept', missing(`${FROM}/framework/src`, '/'), `${FROM}/`, FROM],
    [
      "the scaffolder's path wins over the script's match",
      missing(`${FROM}/framework/src`, '/', '/data/workspaces/project/framework'),
      FROM,
      FROM,
    ],
    [
      'elsewhere, the prefix whose rest the script found under the project',
      missing('/build/ws/.venv/bin/python', '/', '/build/ws'),
      FROM,
      '/build/ws',
    ],
    [
      'a path that only shares a beginning with it is not under it',
      missing('/data/workspaces/project-2/.venv/bin/python', '/data/workspaces'),
      FROM,
      '/data/workspaces/project-2',
    ],
    [
      'else down to the first missing folder',
      missing('/root/.local/share/uv/python', '/root'),
      undefined,
      '/root/.local',
    ],
    ['from the root', missing('/opt/tool/bin/python', '/'), undefined, '/opt'],
    ['nothing known of it: nothing said', missing('/opt/tool/bin/python'), undefined, undefined],
    ['not a path', missing('python3', '/'), FROM, undefined],
  ])('%s', (_, given, scaffolder, expected) => {
    expect(stalePrefixOf(given, scaffolder)).toBe(expected);
  });
});

describe('venvFindingText', () => {
  const f = (over: Partial<VenvFinding> & Pick<VenvFinding, 'kind'>): VenvFinding => ({ file: 'F', ...over });

  test.each<[VenvFinding, string]>([
    [
      {
        file: '.venv/bin/ruff',
        kind: 'shebang',
        path: `${FROM}/.venv/bin/python`,
        stalePrefix: FROM,
      },
      `.venv/bin/ruff: shebang #!${FROM}/.venv/bin/python — stale prefix ${FROM}`,
    ],
    [
      f({ kind: 'shebang', path: '/usr/bin/env', message: 'python9 is not on PATH' }),
      'F: shebang #!/usr/bin/env (python9 is not on PATH)',
    ],
    [
      f({ kind: 'pth', path: `${FROM}/framework/src`, stalePrefix: FROM }),
      `F: pth ${FROM}/framework/src — stale prefix ${FROM}`,
    ],
    [f({ kind: 'direct_url', path: `${FROM}/framework` }), `F: direct_url file://${FROM}/framework`],
    [
      f({ kind: 'python', path: '/opt/py/bin/python3', message: 'cannot start: No such file or directory' }),
      'F: python cannot start: No such file or directory (/opt/py/bin/python3 is not there)',
    ],
    [f({ kind: 'python', message: 'exit 1: boom' }), 'F: python exit 1: boom'],
    [
      f({ kind: 'import', message: "import api: ModuleNotFoundError: No module named 'api'" }),
      "F: import api: ModuleNotFoundError: No module named 'api'",
    ],
  ])('%j', (finding, text) => {
    expect(venvFindingText(finding)).toBe(text);
  });
});
