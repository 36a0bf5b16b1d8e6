import { describe, expect, test } from 'vitest';
import {
  type ConfigFileText,
  configuredLinkMode,
  decideLinkMode,
  type LinkSample,
  makefileLinkMode,
  pyprojectLinkMode,
  uvTomlLinkMode,
} from '../../../../src/e2e/evidence/link-mode.js';

const sample = (nlink: number, symlink = false): LinkSample => ({
  dist: 'six-1.17.0',
  path: '/p/six.py',
  nlink,
  symlink,
});
const noEnv = { image: {}, worker: {} };

describe('configured link mode', () => {
  test('the shipped template passes --link-mode=VALUE only when the answer is set', () => {
    expect(
      makefileLinkMode('UV_LINK_MODE_FLAG := --link-mode=copy\nsetup:\n\tuv sync $(UV_LINK_MODE_FLAG)'),
    ).toBe('copy');
    expect(makefileLinkMode('UV_LINK_MODE_FLAG := \nsetup:\n\tuv sync $(UV_LINK_MODE_FLAG)')).toBeUndefined();
    expect(makefileLinkMode('\tuv pip install --link-mode symlink -r r.txt')).toBe('symlink');
    expect(makefileLinkMode('export UV_LINK_MODE := clone')).toBe('clone');
    expect(makefileLinkMode('UV_LINK_MODE = copy')).toBeUndefined(); // a make variable, not exported to uv
  });

  test('link-mode counts in [tool.uv] only, and at the top of uv.toml', () => {
    expect(
      pyprojectLinkMode('[project]\nname = "x"\n[tool.uv]\nlink-mode = "copy"\n[tool.uv.sources]\n'),
    ).toBe('copy');
    expect(pyprojectLinkMode('[tool.ruff]\nlink-mode = "copy"\n')).toBeUndefined();
    expect(
      pyprojectLinkMode('[tool.uv]\npackage = true\n[tool.other]\nlink-mode = "copy"\n'),
    ).toBeUndefined();
    expect(uvTomlLinkMode("link-mode = 'hardlink'\n[pip]\n")).toBe('hardlink');
    expect(uvTomlLinkMode('[pip]\nlink-mode = "copy"\n')).toBeUndefined();
  });

  test("uv's precedence: the command line, then UV_LINK_MODE, then project files, then user and system files", () => {
    const files: ConfigFileText[] = [
      { kind: 'system-uv-toml', file: '/etc/uv/uv.toml', text: 'link-mode = "symlink"' },
      { kind: 'pyproject', file: '/w/a/project/pyproject.toml', text: '[tool.uv]\nlink-mode = "clone"' },
      { kind: 'makefile', file: '/w/a/project/Makefile', text: 'x:\n\tuv sync --link-mode=copy' },
    ];
    expect(configuredLinkMode(files, noEnv)).toEqual({
      mode: 'copy',
      source: '--link-mode in a/project/Makefile',
      from: 'makefile',
    });
    expect(configuredLinkMode(files.slice(0, 2), { image: { UV_LINK_MODE: 'copy' }, worker: {} })).toEqual({
      mode: 'copy',
      source: 'UV_LINK_MODE in the image',
      from: 'environment',
    });
    expect(configuredLinkMode(files.slice(0, 2), noEnv)?.mode).toBe('clone');
    expect(configuredLinkMode(files.slice(0, 1), noEnv)?.mode).toBe('symlink');
    expect(configuredLinkMode([], noEnv)).toBeUndefined();
  });

  test('an unknown UV_LINK_MODE value configures nothing', () => {
    expect(configuredLinkMode([], { image: { UV_LINK_MODE: 'teleport' }, worker: {} })).toBeUndefined();
  });
});

describe('link mode from evidence', () => {
  test("uv's hardlink warning decides first, whatever the files say", () => {
    const verdict = decideLinkMode({ hardlinkFailed: true, samples: [sample(3)], configured: undefined });
    expect(verdict.mode).toBe('copy-fallback');
    expect(verdict.because).toMatch(/Failed to hardlink/);
  });

  test('a symlinked installed file means symlink; a link count of 2 or more means hardlink', () => {
    expect(
      decideLinkMode({ hardlinkFailed: false, samples: [sample(1), sample(1, true)], configured: undefined })
        .mode,
    ).toBe('symlink');
    expect(
      decideLinkMode({ hardlinkFailed: false, samples: [sample(1), sample(2)], configured: undefined }).mode,
    ).toBe('hardlink');
  });

  test('link counts of 1 take the configured mode, else unknown', () => {
    const configured = {
      mode: 'copy' as const,
      source: 'UV_LINK_MODE in the image',
      from: 'environment' as const,
    };
    const copy = decideLinkMode({ hardlinkFailed: false, samples: [sample(1), sample(1)], configured });
    expect(copy).toEqual({
      mode: 'copy',
      because: 'all 2 sampled files have a link count of 1; UV_LINK_MODE in the image',
    });
    expect(decideLinkMode({ hardlinkFailed: false, samples: [sample(1)], configured: undefined }).mode).toBe(
      'unknown',
    );
    expect(decideLinkMode({ hardlinkFailed: false, samples: [], configured: undefined }).because).toMatch(
      /no files sampled/,
    );
  });
});
