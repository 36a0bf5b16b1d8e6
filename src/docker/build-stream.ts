// One image build through the engine API (the classic builder), its JSON
// stream read line by line. forcerm: a failing RUN leaves no container behind.
import type { Readable } from 'node:stream';
import type { Engine } from './engine.js';
import { abortReason, signalOf } from './guard.js';
import type { RegistryAuth } from './registry-auth.js';

export interface BuildRequest {
  context: Readable;
  dockerfile: string;
  tag: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  registryAuth: Record<string, RegistryAuth>;
  onLine: (line: string) => void;
}

export interface BuildOutcome {
  imageId?: string;
  /** The engine's error message when the build failed. */
  error?: string;
  /** Every line of build output, in order. */
  lines: string[];
}

interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

export async function runBuild(engine: Engine, req: BuildRequest): Promise<BuildOutcome> {
  const stream = await engine.buildImage(req.context, {
    dockerfile: req.dockerfile,
    t: req.tag,
    buildargs: req.buildArgs,
    labels: req.labels,
    rm: true,
    forcerm: true,
    registryconfig: req.registryAuth,
  } as Parameters<Engine['buildImage']>[1]);
  const outcome: BuildOutcome = { lines: [] };
  const emit = (text: string): void => {
    for (const line of text.replace(/\n$/, '').split('\n')) {
      outcome.lines.push(line);
      req.onLine(line);
    }
  };
  await new Promise<void>((resolve, reject) => {
    // A stream destroyed mid-build (the run was interrupted) never ends: settle on close too.
    (stream as NodeJS.ReadableStream & { once(e: 'close', f: () => void): void }).once('close', () => {
      const signal = signalOf(engine);
      if (signal?.aborted) reject(abortReason(signal));
    });
    engine.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (event: BuildEvent) => {
        if (event.stream) emit(event.stream);
        else if (event.status) emit(event.status);
        if (event.aux?.ID) outcome.imageId = event.aux.ID;
        if (event.error) {
          outcome.error = event.errorDetail?.message ?? event.error;
          emit(outcome.error);
        }
      },
    );
  });
  return outcome;
}
