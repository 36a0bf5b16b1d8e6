// Whether uv was told to compile bytecode after installing, and where: the
// Makefile (`--compile-bytecode`, `UV_COMPILE_BYTECODE=1` on a recipe or
// exported), UV_COMPILE_BYTECODE in the worker's or the image's environment,
// `compile-bytecode = true` in the project's pyproject.toml or a uv.toml. Pure:
// the configuration files and the environment in, the first source out.
import type { ConfigFileText, SettingFrom } from './link-mode.js';

export interface ConfiguredCompile {
  /** For the report's detail: `UV_COMPILE_BYTECODE=1 in the image`, `--compile-bytecode in Makefile`. */
  source: string;
  from: SettingFrom;
}

// uv reads the variable as clap's boolish values.
const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on']);

function truthy(value: string | undefined): boolean {
  return value !== undefined && TRUE.has(value.trim().toLowerCase());
}

/** `--compile-bytecode` (or its alias `--compile`) on a recipe, or UV_COMPILE_BYTECODE set truthy in it. */
export function makefileCompiles(text: string): boolean {
  if (/(?:^|\s)--compile(?:-bytecode)?(?=\s|$)/m.test(text)) return true;
  const set = /\bUV_COMPILE_BYTECODE\s*[:?]?=\s*["']?(\w+)/.exec(text);
  return truthy(set?.[1]);
}

/** `compile-bytecode = true` in a TOML text's table `table` ('' for the top, before any table). */
function tomlCompiles(text: string, tables: readonly string[]): boolean {
  const sections = text.split(/^\s*\[/m);
  const top = sections.shift() ?? '';
  const found = (body: string) => /^\s*compile-bytecode\s*=\s*true\b/m.test(body);
  if (tables.includes('') && found(top)) return true;
  return sections.some((section) => {
    const name = /^([^\]]+)\]/.exec(section)?.[1]?.trim();
    return name !== undefined && tables.includes(name) && found(section.slice(name.length + 1));
  });
}

/** The first place that turns uv's bytecode compiling on, by uv's precedence; undefined when none does. */
export function configuredCompile(
  files: readonly ConfigFileText[],
  env: { image: Readonly<Record<string, string>>; worker: Readonly<Record<string, string>> },
): ConfiguredCompile | undefined {
  const short = (file: string) => file.split('/').slice(-3).join('/');
  for (const f of files.filter((f) => f.kind === 'makefile'))
    if (makefileCompiles(f.text)) return { source: `compile-bytecode in ${short(f.file)}`, from: 'makefile' };
  const { worker, image } = env;
  if (truthy(worker.UV_COMPILE_BYTECODE))
    return {
      source: `UV_COMPILE_BYTECODE=${worker.UV_COMPILE_BYTECODE} in the worker environment`,
      from: 'environment',
    };
  if (truthy(image.UV_COMPILE_BYTECODE))
    return { source: `UV_COMPILE_BYTECODE=${image.UV_COMPILE_BYTECODE} in the image`, from: 'environment' };
  for (const f of files) {
    const tables =
      f.kind === 'pyproject' ? ['tool.uv', 'tool.uv.pip'] : f.kind === 'makefile' ? [] : ['', 'pip'];
    if (tomlCompiles(f.text, tables))
      return { source: `compile-bytecode in ${short(f.file)}`, from: 'config-file' };
  }
  return undefined;
}
