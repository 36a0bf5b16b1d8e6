// The words the timings use, explained once in the report itself (the HTML
// page and the job summary): a reader should not need the docs to read a figure.
import { INTERVAL_RULE, OUTLIER_RULE } from '../../model/figures/stats.js';

export interface GlossaryEntry {
  term: string;
  meaning: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'cold, warm',
    meaning: '`make setup` on an empty uv cache, and on the cache an earlier worker filled.',
  },
  {
    term: 'proved',
    meaning:
      "a run counts as cold or warm by the cache's own contents, never by its place: a cold setup downloaded, a warm one downloaded nothing; a run that is neither (not-cold, not-warm) is left out of every figure.",
  },
  { term: 'speedup', meaning: 'the cold setup ÷ the warm median.' },
  {
    term: 'floor',
    meaning: '`make setup` again in the same worker with the venvs present: the part no cache can win back.',
  },
  {
    term: 'separate ÷ shared',
    meaning:
      'the warm median with the uv cache on a mount of its own (production) ÷ the warm median with the cache inside the workspace mount, where uv can hard-link.',
  },
  { term: 'n, mean ± sd', meaning: 'how many proved runs, their mean and their sample standard deviation.' },
  { term: '95 % interval', meaning: `${INTERVAL_RULE}.` },
  { term: 'outlier', meaning: `${OUTLIER_RULE}.` },
  {
    term: 'timing gates',
    meaning:
      'each decides on its figure\'s 95 % interval (the figure alone without one) widened by ±timing-noise: it fails when that lies wholly past the limit and warns when it contains the limit; "expected" setups are shown, never checked.',
  },
];
