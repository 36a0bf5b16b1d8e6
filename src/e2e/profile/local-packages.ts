// Which local packages a setup rebuilt and which it reused: the cold setup of a
// layout builds every local package once, so a later setup that does not print
// `Built NAME @ file://...` for one of them took it from the cache.
import type { PhaseProfile } from '../../model/report.js';

export class LocalPackages {
  private readonly known = new Set<string>();

  /** Learn the packages this setup built, and mark each known one rebuilt or reused. */
  mark(profile: PhaseProfile): void {
    const built = new Set(profile.localBuilds.map((b) => b.name));
    const first = this.known.size === 0;
    for (const name of built) this.known.add(name);
    if (first) return;
    profile.localPackages = [...this.known]
      .sort()
      .map((name) => ({ name, state: built.has(name) ? 'rebuilt' : 'reused' }));
  }
}
