// Profiles built from make phases recorded in real workers (the shipped template,
// uv 0.13.9, the separate layout, a loaded 1-CPU worker): the timing shell's
// markers and uv's own lines as the exec streamed them.
import { readFileSync } from 'node:fs';
import { buildProfile } from '../../../../src/e2e/profile/categories.js';
import { LocalPackages } from '../../../../src/e2e/profile/local-packages.js';
import { ProfileReader } from '../../../../src/e2e/profile/reader.js';
import { rankSpeedups } from '../../../../src/e2e/profile/speedups.js';
import type { E2eReport, E2eRun, PhaseProfile } from '../../../../src/model/report.js';

export const recorded = (name: string) =>
  readFileSync(new URL(`../../../fixtures/e2e/profile/${name}.log`, import.meta.url), 'utf8');

/** The output streamed line by line through a reader, as runPhase does. */
export function read(name: string, edit: (log: string) => string = (log) => log) {
  const reader = new ProfileReader();
  const shown: string[] = [];
  for (const line of edit(recorded(name)).split('\n')) if (!reader.push(line)) shown.push(line);
  return { lines: reader.finish(), shown };
}

/**
 * The log as uv prints it with UV_COMPILE_BYTECODE=1: `Bytecode compiled N files in T` right
 * after each `Installed` line (uv 0.13.9 on the shipped template, by hand: 166, 708 and 1193
 * files in 0.457, 1.92 and 3.83 s).
 */
export const COMPILED = [
  ['166', '457ms'],
  ['708', '1.92s'],
  ['1193', '3.83s'],
] as const;
export function withCompileLines(log: string): string {
  let at = 0;
  return log.replace(/^(Installed \d+ packages? in \S+)$/gm, (line) => {
    const [files, time] = COMPILED[at++ % COMPILED.length] ?? COMPILED[0];
    return `${line}\nBytecode compiled ${files} files in ${time}`;
  });
}

/** Half a second of make's own around the recipe lines, as a phase's exec adds it. */
export const MAKE_SECONDS = 0.5;

export function profileOf(name: string, edit?: (log: string) => string): PhaseProfile {
  const { lines } = read(name, edit);
  const seconds = lines.reduce((s, l) => s + l.seconds, 0) + MAKE_SECONDS;
  return buildProfile(lines, Math.round(seconds * 1000) / 1000, false);
}

export const COLD = () => profileOf('cold-setup-separate');
export const WARM = () => profileOf('warm-setup-separate');
export const FLOOR = () => profileOf('floor-separate');

/** Two runs of the separate layout with those profiles on their setups (the floor on the warm run), marked as the scenario marks them. */
export function profiledRuns(): E2eRun[] {
  const known = new LocalPackages();
  const [cold, warm, floor] = [COLD(), WARM(), FLOOR()];
  for (const profile of [cold, warm, floor]) known.mark(profile);
  const phase = (name: string, profile: PhaseProfile) => ({
    name,
    seconds: profile.seconds,
    exitCode: 0,
    timedOut: false,
    profile,
  });
  return [
    {
      index: 0,
      worker: 'A',
      kind: 'cold',
      layout: 'separate',
      provedState: 'cold',
      linkMode: 'copy-fallback',
      phases: [phase('setup', cold)],
    },
    {
      index: 1,
      worker: 'B',
      kind: 'warm',
      layout: 'separate',
      provedState: 'warm',
      linkMode: 'copy-fallback',
      phases: [phase('setup', warm), phase('floor', floor)],
    },
  ];
}

/** An e2e section of one separate layout with these runs, its speed-ups ranked as the stage ranks them. */
export function e2eOf(runs: E2eRun[], warmMedian: number): E2eReport {
  const e2e: E2eReport = {
    template: { source: 'templates/service', ref: 'HEAD', data: {} },
    runs,
    layouts: [
      {
        layout: 'separate',
        linkMode: 'copy-fallback',
        coldSetupSeconds: 43.7,
        warmSetupSeconds: { median: warmMedian, min: warmMedian, max: warmMedian, runs: [warmMedian] },
        speedup: 43.7 / warmMedian,
        cacheBytesAfterScaffold: null,
        cacheBytesAfterCold: null,
        floorSeconds: null,
      },
    ],
    setup: {
      coldSeconds: 43.7,
      warmSeconds: { median: warmMedian, min: warmMedian, max: warmMedian },
      speedup: 1,
    },
    headlineLayout: 'separate',
  };
  const speedups = rankSpeedups(e2e);
  if (speedups.length > 0) e2e.speedups = speedups;
  return e2e;
}

/** The recorded runs as an e2e section, the warm run's setup as the median. */
export const profiledE2e = (): E2eReport => {
  const runs = profiledRuns();
  return e2eOf(runs, runs[1]?.phases[0]?.seconds ?? 0);
};
