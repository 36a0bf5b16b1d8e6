// How the image was built, as every renderer shows it: which builder and why,
// and BuildKit's steps with their time (a bar's share of the longest step) and
// whether they came from the cache.

import { formatSeconds } from '../../model/numbers.js';
import type { Report } from '../../model/report.js';

export interface BuildStepView {
  name: string;
  line?: number;
  seconds: string;
  /** Its time as a share of the longest step's, 0–1. */
  share: number;
  cached: boolean;
}

export interface BuildStepsView {
  /** One sentence: the builder, why, and what the steps add up to. */
  about: string;
  steps: BuildStepView[];
}

export function buildStepsView(report: Report): BuildStepsView | undefined {
  const build = report.build;
  if (!build) return undefined;
  const builder = build.backend === 'buildkit' ? 'BuildKit' : 'the classic builder';
  const cached = build.steps.filter((s) => s.cached).length;
  const total = build.steps.reduce((sum, s) => sum + s.seconds, 0);
  const steps =
    build.steps.length === 0
      ? ''
      : `: ${build.steps.length} ${build.steps.length === 1 ? 'step' : 'steps'}, ${cached} from the cache, ${formatSeconds(total)} in steps`;
  const longest = Math.max(...build.steps.map((s) => s.seconds), 0) || 1;
  return {
    about: `Built with ${builder} (${build.backendReason})${steps}.`,
    steps: build.steps.map((s) => {
      const view: BuildStepView = {
        name: s.name.replace(/\s+/g, ' '),
        seconds: formatSeconds(s.seconds),
        share: s.seconds / longest,
        cached: s.cached,
      };
      if (s.dockerfileLine) view.line = s.dockerfileLine;
      return view;
    }),
  };
}
