// One image build through the engine (the classic builder), its progress read
// event by event: every line of output in order, the image id, the engine's
// error when a step failed.
import type { Engine, ImageBuild, ProgressEvent } from './engine-api.js';

export interface BuildRequest extends ImageBuild {
  onLine: (line: string) => void;
}

export interface BuildOutcome {
  imageId?: string;
  /** The engine's error message when the build failed. */
  error?: string;
  /** Every line of build output, in order. */
  lines: string[];
}

export async function runBuild(engine: Engine, req: BuildRequest): Promise<BuildOutcome> {
  const outcome: BuildOutcome = { lines: [] };
  const emit = (text: string): void => {
    for (const line of text.replace(/\n$/, '').split('\n')) {
      outcome.lines.push(line);
      req.onLine(line);
    }
  };
  const { onLine: _, ...request } = req;
  await engine.images.build(request, (event: ProgressEvent) => {
    if (event.stream) emit(event.stream);
    else if (event.status) emit(event.status);
    if (event.aux?.ID) outcome.imageId = event.aux.ID;
    if (event.error) {
      outcome.error = event.errorDetail?.message ?? event.error;
      emit(outcome.error);
    }
  });
  return outcome;
}
