// What would make the warm setup faster, ranked by the seconds it would save,
// each saying whether that figure was measured in this run or estimated from
// the profile. Pure: the e2e report in, the ranked list out.

import { byLayout } from '../../model/figures/proved-runs.js';
import { formatPercent, formatSeconds, round } from '../../model/numbers.js';
import type { E2eReport, PhaseProfile, Speedup } from '../../model/report.js';
import { headlineWarm, profiledSetups } from './profiled-setups.js';
import { compileBytecodeAdvice, LINK_OVER_COPY, linkModeAdvice } from './setting-advice.js';

/** Each local package the setup built, with its seconds (a shared prepare counted once). */
function builds(profile: PhaseProfile): { names: string[]; seconds: number; text: string } {
  const seen = new Set<string>();
  let seconds = 0;
  const parts: string[] = [];
  for (const b of profile.localBuilds) {
    if (b.seconds !== null) {
      seconds += b.seconds;
      parts.push(`${b.name} ${formatSeconds(b.seconds)}`);
      continue;
    }
    const key = `${b.line}:${b.sharedSeconds}`;
    if (!seen.has(key)) seconds += b.sharedSeconds ?? 0;
    seen.add(key);
    parts.push(
      `${b.name} (shared ${formatSeconds(b.sharedSeconds ?? 0)} with ${(b.sharedBy ?? 1) - 1} other prepared)`,
    );
  }
  return { names: profile.localBuilds.map((b) => b.name), seconds, text: parts.join(', ') };
}

export function rankSpeedups(e2e: E2eReport): Speedup[] {
  const warm = headlineWarm(e2e);
  if (!warm) return [];
  const out: Speedup[] = [];
  const floor = profiledSetups(e2e, warm.layout).find((s) => s.role === 'floor');

  const layouts = byLayout(e2e.layouts);
  const separate = layouts.separate?.warmSetupSeconds?.median;
  const shared = layouts.shared?.warmSetupSeconds?.median;
  const installing = warm.profile.categories.find((c) => c.id === 'installing')?.seconds ?? 0;
  if (separate !== undefined && shared !== undefined && separate > shared) {
    out.push({
      kind: 'layout',
      title: 'put the uv cache and the workspace on one mount (hard links instead of copies)',
      seconds: round(separate - shared, 2),
      basis: 'measured',
      detail: `warm median ${formatSeconds(separate)} with the cache on its own volume, ${formatSeconds(shared)} with both in one volume (cache-layout both, this run)`,
    });
  } else if (
    warm.layout === 'separate' &&
    (warm.run.linkMode === 'copy-fallback' || warm.run.linkMode === 'copy')
  ) {
    out.push({
      kind: 'layout',
      title: 'put the uv cache and the workspace on one mount (hard links instead of copies)',
      seconds: round(installing * (1 - LINK_OVER_COPY), 2),
      basis: 'estimated',
      detail: `uv copied for ${formatSeconds(installing)}; hard-linking took about ${formatPercent(Math.round(LINK_OVER_COPY * 100))} of copying's time on the shipped template (run cache-layout both to measure it)`,
    });
  }

  const floorBuilt = new Set(floor?.profile.localBuilds.map((b) => b.name) ?? []);
  const warmBuilds = builds({
    ...warm.profile,
    localBuilds: warm.profile.localBuilds.filter((b) => !floorBuilt.has(b.name)),
  });
  if (warmBuilds.names.length > 0) {
    out.push({
      kind: 'local-rebuilds',
      title: `key the local builds on the git commit, not on file times (${warmBuilds.names.join(', ')})`,
      seconds: round(warmBuilds.seconds, 2),
      basis: 'estimated',
      detail:
        `rebuilt in every fresh clone: ${warmBuilds.text}. uv keys a local build on the modification time of its ` +
        'pyproject.toml, which a clone resets; `[tool.uv] cache-keys = [{ git = { commit = true } }]` in each ' +
        "package's pyproject.toml keys it on the commit, so a fresh clone of a built commit at the same path reuses the " +
        'cached wheel. uv also keys a local build on its path: a clone at another path rebuilds (seen with uv 0.13.9), so ' +
        `only workers that clone to one path gain${warm.layout === 'shared' ? ', and in the shared layout each developer here clones to a folder of its own' : ' (every developer of the separate layout here clones to one path)'}`,
    });
  }

  if (floor && floor.profile.localBuilds.length > 0) {
    const f = builds(floor.profile);
    const lines = [
      ...new Set(floor.profile.localBuilds.map((b) => floor.profile.lines[b.line]?.name ?? '?')),
    ];
    out.push({
      kind: 'editable-rebuilds',
      title: `stop rebuilding ${f.names.join(', ')} on every setup (rebuilt even with the venvs present)`,
      seconds: round(f.seconds, 2),
      basis: 'estimated',
      detail:
        `the floor rebuilt ${f.text} in ${lines.map((l) => `\`${l}\``).join(', ')}: a local directory named on the ` +
        'command line (`uv pip install -e ./pkg`) is rebuilt every time; install it through a lock (`uv sync`, where ' +
        'uv checks it is up to date) or make the install depend on its pyproject.toml',
    });
  }

  for (const advice of [linkModeAdvice(warm), compileBytecodeAdvice(warm)]) if (advice) out.push(advice);

  const fixed = warm.profile.categories.filter(
    (c) => c.id === 'command' && ['code generation', 'formatter'].includes(c.label),
  );
  const fixedSeconds = fixed.reduce((s, c) => s + c.seconds, 0);
  if (fixedSeconds > 0) {
    const share = Math.round((fixedSeconds / warm.profile.seconds) * 100);
    out.push({
      kind: 'uncacheable-commands',
      title: `commands no cache speeds up: ${fixed.map((c) => `${c.label} ${formatSeconds(c.seconds)}`).join(', ')}`,
      seconds: round(fixedSeconds, 2),
      basis: 'measured',
      detail: `${formatPercent(share)} of the warm setup; only doing less (generating on change, formatting only what changed) saves it`,
    });
  }
  return out.sort((a, b) => b.seconds - a.seconds);
}
