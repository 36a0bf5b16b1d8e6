// The advice a uv setting applies (link mode, bytecode compiling), on profiles
// recorded in real workers: when each appears, with which setting, and when not.
import { describe, expect, test } from 'vitest';
import { LINK_OVER_COPY } from '../../../../src/e2e/profile/setting-advice.js';
import { rankSpeedups } from '../../../../src/e2e/profile/speedups.js';
import type { E2eReport, E2eRun, LinkMode, UvSettingSource } from '../../../../src/model/report.js';
import { e2eOf, profiledRuns, profileOf, withCompileLines } from './recorded.js';

type Settings = E2eRun['uvSettings'];

/** The recorded runs, the warm one with this link mode and these settings, on this layout. */
function e2eWith(opts: {
  linkMode?: LinkMode;
  settings?: Settings;
  layout?: 'separate' | 'shared';
  compiled?: boolean;
}): E2eReport {
  const layout = opts.layout ?? 'separate';
  const runs = profiledRuns().map((r) => ({
    ...r,
    layout,
    linkMode: opts.linkMode ?? r.linkMode,
    ...(opts.settings ? { uvSettings: opts.settings } : {}),
  }));
  const warm = runs[1] as E2eRun;
  if (opts.compiled) {
    const profile = profileOf('warm-setup-separate', withCompileLines);
    warm.phases = warm.phases.map((p) =>
      p.name === 'setup' ? { ...p, seconds: profile.seconds, profile } : p,
    );
  }
  const e2e = e2eOf(runs, warm.phases[0]?.seconds ?? 0);
  for (const l of e2e.layouts) l.layout = layout;
  e2e.headlineLayout = layout;
  e2e.speedups = rankSpeedups(e2e);
  return e2e;
}

const advice = (e2e: E2eReport, kind: string) => e2e.speedups?.find((s) => s.kind === kind);
const env = (value: string, source: string): UvSettingSource => ({ value, source, from: 'environment' });
const makefile = (value: string, source: string): UvSettingSource => ({ value, source, from: 'makefile' });
const installing = (e2e: E2eReport) =>
  e2e.runs[1]?.phases[0]?.profile?.categories.find((c) => c.id === 'installing')?.seconds ?? 0;

describe('link-mode advice', () => {
  test('copy-fallback: UV_LINK_MODE=copy, estimated at no saving (measured the same), beside the layout advice', () => {
    const e2e = e2eWith({});
    const link = advice(e2e, 'link-mode');
    expect(link).toMatchObject({ setting: 'UV_LINK_MODE=copy', seconds: 0, basis: 'estimated' });
    expect(link?.detail).toContain('one hard link per package');
    // The one mount stays its own advice, with its own saving.
    expect(advice(e2e, 'layout')?.seconds).toBeGreaterThan(0);
  });

  test('copy where the cache and the workspace share a mount: UV_LINK_MODE=hardlink, estimated from the copying time', () => {
    const e2e = e2eWith({
      linkMode: 'copy',
      layout: 'shared',
      settings: { linkMode: env('copy', 'UV_LINK_MODE in the image') },
    });
    const link = advice(e2e, 'link-mode');
    expect(link).toMatchObject({ setting: 'UV_LINK_MODE=hardlink', basis: 'estimated' });
    expect(link?.seconds).toBeCloseTo(installing(e2e) * (1 - LINK_OVER_COPY), 2);
    expect(link?.detail).toContain('UV_LINK_MODE in the image');
  });

  test('no link-mode advice: hard links already, or copy across two mounts (only one mount helps there)', () => {
    expect(advice(e2eWith({ linkMode: 'hardlink', layout: 'shared' }), 'link-mode')).toBeUndefined();
    const separateCopy = e2eWith({
      linkMode: 'copy',
      settings: { linkMode: env('copy', 'UV_LINK_MODE in the image') },
    });
    expect(advice(separateCopy, 'link-mode')).toBeUndefined();
    expect(advice(separateCopy, 'layout')).toBeDefined();
  });

  test('set on the Makefile’s command line: the advice names no setting, and says where to change it', () => {
    const e2e = e2eWith({
      linkMode: 'copy',
      layout: 'shared',
      settings: { linkMode: makefile('copy', '--link-mode in project/Makefile') },
    });
    const link = advice(e2e, 'link-mode');
    expect(link?.setting).toBeUndefined();
    expect(link?.detail).toContain('--link-mode in project/Makefile sets it');
  });
});

describe('compile-bytecode advice', () => {
  const set = { compileBytecode: env('true', 'UV_COMPILE_BYTECODE=1 in the worker environment') };

  test('set in the environment and compiled: UV_COMPILE_BYTECODE=0, the seconds uv said it compiled', () => {
    const e2e = e2eWith({ compiled: true, settings: set });
    const compile = advice(e2e, 'compile-bytecode');
    expect(compile).toMatchObject({ setting: 'UV_COMPILE_BYTECODE=0', basis: 'estimated' });
    const compiling = e2e.runs[1]?.phases[0]?.profile?.categories.find((c) => c.id === 'compiling');
    expect(compiling?.seconds).toBeGreaterThan(5);
    expect(compile?.seconds).toBeCloseTo(compiling?.seconds ?? 0, 2);
    expect(compile?.detail).toContain('uv compiled 2067 files');
    expect(compile?.detail).toContain('UV_COMPILE_BYTECODE=1 in the worker environment');
  });

  test('not set: no advice, even where uv compiled; set but uv compiled nothing: no advice', () => {
    expect(advice(e2eWith({ compiled: true }), 'compile-bytecode')).toBeUndefined();
    expect(advice(e2eWith({ settings: set }), 'compile-bytecode')).toBeUndefined();
  });

  test("set in the project's uv configuration: UV_COMPILE_BYTECODE=0 does not override it, so no setting", () => {
    const e2e = e2eWith({
      compiled: true,
      settings: {
        compileBytecode: {
          value: 'true',
          source: 'compile-bytecode in project/pyproject.toml',
          from: 'config-file',
        },
      },
    });
    const compile = advice(e2e, 'compile-bytecode');
    expect(compile?.setting).toBeUndefined();
    expect(compile?.detail).toContain('compile-bytecode in project/pyproject.toml sets it');
  });

  test('set in the Makefile: no setting to try, and the advice says so', () => {
    const e2e = e2eWith({
      compiled: true,
      settings: { compileBytecode: makefile('true', 'compile-bytecode in project/Makefile') },
    });
    const compile = advice(e2e, 'compile-bytecode');
    expect(compile?.setting).toBeUndefined();
    expect(compile?.title).toContain('compile-bytecode in project/Makefile');
  });
});
