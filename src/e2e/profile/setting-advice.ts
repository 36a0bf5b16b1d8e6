// The speed-ups a uv setting in the workers' environment makes: the link mode
// and compiling bytecode at install. Pure: the headline warm setup in, the
// advice out, each naming the setting that applies it (try-fixes sets it on the
// fixed side), or none where the project sets it so that no worker variable
// overrides it: the Makefile, and for bytecode also a uv config file (uv 0.13.9
// compiles with `compile-bytecode = true` in pyproject.toml and
// UV_COMPILE_BYTECODE=0, checked by hand; UV_LINK_MODE does override link-mode there).

import { formatPercent, formatSeconds, round } from '../../model/numbers.js';
import type { Speedup, UvSettingSource } from '../../model/report.js';
import type { ProfiledSetup } from './profiled-setups.js';

// Measured on the shipped template, the basis of the estimate: a warm `uv sync` hard-linking 0.37 s, copying 1.6 s.
export const LINK_OVER_COPY = 0.37 / 1.6;

const category = (warm: ProfiledSetup, id: string) =>
  warm.profile.categories.find((c) => c.id === id)?.seconds ?? 0;

type From = UvSettingSource['from'];

/** The setting, unless the value is set where no variable of the worker overrides it. */
function setting(
  source: UvSettingSource | undefined,
  fixed: readonly From[],
  value: string,
): { setting?: string } {
  return source && fixed.includes(source.from) ? {} : { setting: value };
}

function overridden(source: UvSettingSource | undefined, fixed: readonly From[]): string {
  return source && fixed.includes(source.from)
    ? `; ${source.source} sets it, which no variable of the worker overrides: change it there`
    : '';
}

const LINK_FIXED: readonly From[] = ['makefile'];
const COMPILE_FIXED: readonly From[] = ['makefile', 'config-file'];

/**
 * copy-fallback: state the copy (uv 0.13 tries one hard link per package, then copies the rest,
 * so the estimate is the attempts' cost, none measurable); copy where cache and workspace
 * share a mount (the shared layout): hard-link.
 */
export function linkModeAdvice(warm: ProfiledSetup): Speedup | undefined {
  const installing = category(warm, 'installing');
  const source = warm.run.uvSettings?.linkMode;
  if (warm.run.linkMode === 'copy-fallback') {
    return {
      kind: 'link-mode',
      title:
        'tell uv to copy (UV_LINK_MODE=copy): it tries to hard-link across the two mounts and falls back',
      seconds: 0,
      basis: 'estimated',
      detail:
        `uv copied for ${formatSeconds(installing)} after "Failed to hardlink files". It tries one hard link per ` +
        'package and copies the rest, so stating the copy drops only those attempts and the warning: on the shipped ' +
        'template a warm `uv sync` took the same with either (median 0.61 s, 7 alternations, uv 0.13.9). The copying ' +
        `itself goes only with one mount (layout)${overridden(source, LINK_FIXED)}`,
      ...setting(source, LINK_FIXED, 'UV_LINK_MODE=copy'),
    };
  }
  if (warm.run.linkMode === 'copy' && warm.layout === 'shared') {
    return {
      kind: 'link-mode',
      title:
        'let uv hard-link (UV_LINK_MODE=hardlink): the cache and the workspace share a mount, but uv copies',
      seconds: round(installing * (1 - LINK_OVER_COPY), 2),
      basis: 'estimated',
      detail:
        `uv copied for ${formatSeconds(installing)} (${source?.source ?? 'copy configured'}); hard-linking took about ` +
        `${formatPercent(Math.round(LINK_OVER_COPY * 100))} of copying's time on the shipped template${overridden(source, LINK_FIXED)}`,
      ...setting(source, LINK_FIXED, 'UV_LINK_MODE=hardlink'),
    };
  }
  return undefined;
}

/** Compiling bytecode at install, when it is set and uv's output shows it: the seconds uv said it compiled. */
export function compileBytecodeAdvice(warm: ProfiledSetup): Speedup | undefined {
  const source = warm.run.uvSettings?.compileBytecode;
  const compiling = category(warm, 'compiling');
  if (!source || compiling <= 0) return undefined;
  const files = warm.profile.lines.reduce((n, l) => n + (l.uv?.compiled ?? 0), 0);
  return {
    kind: 'compile-bytecode',
    title: `stop compiling bytecode at install (${COMPILE_FIXED.includes(source.from) ? source.source : 'UV_COMPILE_BYTECODE=0'})`,
    seconds: round(compiling, 2),
    basis: 'estimated',
    detail:
      `uv compiled ${files} files for ${formatSeconds(compiling)} (${source.source}); without it Python compiles ` +
      `only the modules it imports, when it first imports them (lint and test then pay a part of it)${overridden(source, COMPILE_FIXED)}`,
    ...setting(source, COMPILE_FIXED, 'UV_COMPILE_BYTECODE=0'),
  };
}
