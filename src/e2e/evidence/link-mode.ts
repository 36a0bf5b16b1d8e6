// Which link mode uv used for a setup, from evidence, never from the layout
// (whether uv can hard-link depends on the engine's storage and the config,
// not on the layout alone): uv's "Failed to hardlink" warning, then the link
// counts of installed files, then the configuration.
import type { LinkMode } from '../../model/report.js';

export interface LinkSample {
  dist: string;
  path: string;
  nlink: number;
  symlink: boolean;
}

export interface ConfigFileText {
  kind: 'makefile' | 'pyproject' | 'uv-toml' | 'user-uv-toml' | 'system-uv-toml';
  file: string;
  text: string;
}

/**
 * Where a uv setting came from, by what can override it: the Makefile (uv's command line, or an
 * export no worker variable overrides), the environment (image or worker), a uv config file.
 */
export type SettingFrom = 'makefile' | 'environment' | 'config-file';

export interface ConfiguredLinkMode {
  mode: LinkMode;
  /** Where it was set, for the report's detail: `UV_LINK_MODE in the image`, `--link-mode in Makefile`. */
  source: string;
  from: SettingFrom;
}

const MODES: Readonly<Record<string, LinkMode>> = {
  hardlink: 'hardlink',
  copy: 'copy',
  symlink: 'symlink',
  clone: 'clone',
};

function toMode(value: string | undefined): LinkMode | undefined {
  return value ? MODES[value.toLowerCase()] : undefined;
}

/** `--link-mode=copy` / `--link-mode copy` in a recipe, or `export UV_LINK_MODE := copy`. */
export function makefileLinkMode(text: string): LinkMode | undefined {
  const flag = /--link-mode(?:=|\s+)["']?([a-z]+)/.exec(text);
  if (flag) return toMode(flag[1]);
  const exported = /^\s*export\s+UV_LINK_MODE\s*[:?]?=\s*["']?([a-z]+)/m.exec(text);
  return toMode(exported?.[1]);
}

/** `link-mode = "copy"` in pyproject.toml's [tool.uv] table. */
export function pyprojectLinkMode(text: string): LinkMode | undefined {
  const table = /^\s*\[tool\.uv\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(text);
  return table ? tomlKey(table[1] ?? '') : undefined;
}

/** `link-mode = "copy"` at the top of a uv.toml (before any table). */
export function uvTomlLinkMode(text: string): LinkMode | undefined {
  const top = text.split(/^\s*\[/m)[0] ?? '';
  return tomlKey(top);
}

function tomlKey(text: string): LinkMode | undefined {
  const match = /^\s*link-mode\s*=\s*["']([a-z]+)["']/m.exec(text);
  return toMode(match?.[1]);
}

/**
 * The mode uv was told to use, by uv's own precedence: the command line
 * (`--link-mode` in the Makefile), then UV_LINK_MODE, then the project's
 * pyproject.toml / uv.toml, then the user's and the system's uv.toml.
 */
export function configuredLinkMode(
  files: readonly ConfigFileText[],
  env: { image: Readonly<Record<string, string>>; worker: Readonly<Record<string, string>> },
): ConfiguredLinkMode | undefined {
  const short = (file: string) => file.split('/').slice(-3).join('/');
  for (const f of files.filter((f) => f.kind === 'makefile')) {
    const mode = makefileLinkMode(f.text);
    if (mode) return { mode, source: `--link-mode in ${short(f.file)}`, from: 'makefile' };
  }
  const workerMode = toMode(env.worker.UV_LINK_MODE);
  if (workerMode)
    return { mode: workerMode, source: 'UV_LINK_MODE in the worker environment', from: 'environment' };
  const imageMode = toMode(env.image.UV_LINK_MODE);
  if (imageMode) return { mode: imageMode, source: 'UV_LINK_MODE in the image', from: 'environment' };
  const order: ConfigFileText['kind'][] = ['pyproject', 'uv-toml', 'user-uv-toml', 'system-uv-toml'];
  for (const kind of order) {
    for (const f of files.filter((f) => f.kind === kind)) {
      const mode = kind === 'pyproject' ? pyprojectLinkMode(f.text) : uvTomlLinkMode(f.text);
      if (mode) return { mode, source: `link-mode in ${short(f.file)}`, from: 'config-file' };
    }
  }
  return undefined;
}

export interface LinkEvidence {
  hardlinkFailed: boolean;
  samples: readonly LinkSample[];
  configured: ConfiguredLinkMode | undefined;
}

export interface LinkVerdict {
  mode: LinkMode;
  /** The evidence that decided, in words. */
  because: string;
}

export function decideLinkMode(evidence: LinkEvidence): LinkVerdict {
  if (evidence.hardlinkFailed) {
    return {
      mode: 'copy-fallback',
      because: 'uv printed "Failed to hardlink files; falling back to full copy"',
    };
  }
  const { samples } = evidence;
  const symlinks = samples.filter((s) => s.symlink).length;
  if (symlinks > 0)
    return { mode: 'symlink', because: `${symlinks} of ${samples.length} sampled files are symlinks` };
  const linked = samples.filter((s) => s.nlink >= 2).length;
  if (linked > 0) {
    return {
      mode: 'hardlink',
      because: `${linked} of ${samples.length} sampled files have a link count of 2 or more`,
    };
  }
  const counted =
    samples.length > 0 ? `all ${samples.length} sampled files have a link count of 1` : 'no files sampled';
  if (evidence.configured) {
    return { mode: evidence.configured.mode, because: `${counted}; ${evidence.configured.source}` };
  }
  return { mode: 'unknown', because: `${counted} and no link mode is configured` };
}
