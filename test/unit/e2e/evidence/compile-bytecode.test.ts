// Where uv was told to compile bytecode, by uv's precedence.
import { describe, expect, test } from 'vitest';
import { configuredCompile, makefileCompiles } from '../../../../src/e2e/evidence/compile-bytecode.js';
import type { ConfigFileText } from '../../../../src/e2e/evidence/link-mode.js';

const noEnv = { image: {}, worker: {} };
const file = (kind: ConfigFileText['kind'], text: string): ConfigFileText => ({
  kind,
  file: `/workspace/a/project/${kind === 'makefile' ? 'Makefile' : kind === 'pyproject' ? 'pyproject.toml' : 'uv.toml'}`,
  text,
});

describe('compile-bytecode, configured', () => {
  test('UV_COMPILE_BYTECODE truthy in the worker’s environment, then the image’s; falsy or unset: nothing', () => {
    expect(configuredCompile([], { image: {}, worker: { UV_COMPILE_BYTECODE: '1' } })).toEqual({
      source: 'UV_COMPILE_BYTECODE=1 in the worker environment',
      from: 'environment',
    });
    expect(configuredCompile([], { image: { UV_COMPILE_BYTECODE: 'true' }, worker: {} })?.source).toBe(
      'UV_COMPILE_BYTECODE=true in the image',
    );
    expect(configuredCompile([], { image: { UV_COMPILE_BYTECODE: '0' }, worker: {} })).toBeUndefined();
    expect(configuredCompile([], { image: {}, worker: { UV_COMPILE_BYTECODE: 'off' } })).toBeUndefined();
    expect(configuredCompile([], noEnv)).toBeUndefined();
  });

  test('the Makefile: the flag (or its alias), or the variable on a recipe or exported', () => {
    expect(makefileCompiles('setup:\n\tuv sync --compile-bytecode\n')).toBe(true);
    expect(makefileCompiles('setup:\n\tuv pip install --compile -r r.txt\n')).toBe(true);
    expect(makefileCompiles('export UV_COMPILE_BYTECODE := 1\n')).toBe(true);
    expect(makefileCompiles('setup:\n\tUV_COMPILE_BYTECODE=0 uv sync\n')).toBe(false);
    expect(makefileCompiles('setup:\n\tuv sync --compile-bytecode-x\n')).toBe(false);
    const made = configuredCompile([file('makefile', 'x:\n\tuv sync --compile-bytecode')], {
      image: { UV_COMPILE_BYTECODE: '1' },
      worker: {},
    });
    expect(made).toEqual({ source: 'compile-bytecode in a/project/Makefile', from: 'makefile' });
  });

  test("the project's uv configuration: [tool.uv] or [tool.uv.pip] in pyproject.toml, the top or [pip] of uv.toml", () => {
    for (const [kind, text] of [
      ['pyproject', '[project]\nname = "x"\n[tool.uv]\ncompile-bytecode = true\n'],
      ['pyproject', '[tool.uv.pip]\ncompile-bytecode = true\n'],
      ['uv-toml', 'compile-bytecode = true\n'],
      ['uv-toml', '[pip]\ncompile-bytecode = true\n'],
    ] as const)
      expect(configuredCompile([file(kind, text)], noEnv)?.from).toBe('config-file');
    expect(
      configuredCompile([file('pyproject', '[tool.uv]\ncompile-bytecode = false\n')], noEnv),
    ).toBeUndefined();
    expect(
      configuredCompile([file('pyproject', '[tool.other]\ncompile-bytecode = true\n')], noEnv),
    ).toBeUndefined();
  });
});
