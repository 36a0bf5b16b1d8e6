// Builders for recorded runs: figures as a real run reports them, shaped for the pure summaries and gates.
import type { CacheLayout, E2eRun, LinkMode, ProvedState } from '../../../../src/model/report.js';

export function run(
  index: number,
  layout: CacheLayout,
  kind: 'cold' | 'warm',
  setup: number,
  provedState: ProvedState,
  linkMode: LinkMode,
  downloads = kind === 'cold' ? 33 : 0,
): E2eRun {
  return {
    index,
    worker: kind === 'cold' ? 'A' : 'B',
    kind,
    layout,
    provedState,
    downloads,
    installs: 60,
    linkMode,
    phases: [
      { name: kind === 'cold' ? 'scaffold' : 'clone', seconds: 4.2, exitCode: 0, timedOut: false },
      { name: 'setup', seconds: setup, exitCode: 0, timedOut: false },
      { name: 'lint', seconds: 1.1, exitCode: 0, timedOut: false },
      { name: 'test', seconds: 7.3, exitCode: 0, timedOut: false },
      { name: 'push', seconds: 0.1, exitCode: 0, timedOut: false },
    ],
  };
}

/** A `both` run with three warm runs per layout: separate copies, shared hard-links. */
export function bothRuns(): E2eRun[] {
  return [
    run(0, 'separate', 'cold', 8.6, 'cold', 'copy-fallback'),
    run(1, 'separate', 'warm', 7.6, 'warm', 'copy-fallback'),
    run(2, 'separate', 'warm', 8.5, 'warm', 'copy-fallback'),
    run(3, 'separate', 'warm', 7.9, 'warm', 'copy-fallback'),
    run(4, 'shared', 'cold', 8.9, 'cold', 'hardlink'),
    run(5, 'shared', 'warm', 3.5, 'warm', 'hardlink'),
    run(6, 'shared', 'warm', 3.2, 'warm', 'hardlink'),
    run(7, 'shared', 'warm', 4.2, 'warm', 'hardlink'),
  ];
}
