// `worker-gate clean`'s options: the option table's clean rows and
// engine-timeout, from its command line only. No config file is read, so a
// broken one never stands in the way of a clean-up.
import { defaultValue, type RawValues } from './options.js';
import { type Problem, parseLayer, throwProblems } from './validate.js';

export interface CleanOptions {
  scope: { runId: string } | { all: true };
  engineTimeoutSeconds: number;
}

/** Every problem at once (InputError, exit 2), before the engine is contacted; `unplaced`: unknown flags. */
export function resolveCleanOptions(raw: RawValues, unplaced: readonly Problem[] = []): CleanOptions {
  // Its own flags first, as its help lists them.
  const ordered: RawValues = { run: raw.run, all: raw.all, 'engine-timeout': raw['engine-timeout'] };
  const { values, problems } = parseLayer(ordered, { door: 'cli' });
  const rule: Problem[] =
    !raw.run === !raw.all
      ? [{ message: 'clean needs exactly one of --run ID and --all', input: '--run' }]
      : [];
  throwProblems([...unplaced, ...rule, ...problems]);
  return {
    scope: values.run ? { runId: values.run } : { all: true },
    engineTimeoutSeconds: values['engine-timeout'] ?? defaultValue('engine-timeout'),
  };
}
