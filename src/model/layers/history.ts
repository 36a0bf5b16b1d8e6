// What instruction made an image history entry, read from the engine's
// `created_by`. Every place that names a layer (the checks' messages, the
// pairing of history with Dockerfile lines and with a baseline's layers, every
// renderer) reads it here, so no two of them can disagree.
//
// The two builders write it differently:
// - the classic builder records the command it committed: `/bin/sh -c pip install x`
//   for a RUN, `/bin/sh -c #(nop)  COPY file:0a1b… in /app ` for every other
//   instruction, exec-form RUNs as their bare argv (`python -c x`), and the build
//   arguments a RUN saw in front of all of them (`|2 A=1 B=2 /bin/sh -c …`);
// - BuildKit records the instruction itself: `RUN /bin/sh -c pip install x # buildkit`
//   (`RUN |1 A=1 /bin/sh -c …` with build arguments), `COPY app /app # buildkit`,
//   `ADD … # buildkit`, and without the suffix `WORKDIR /app`, `ENV A=1`, `USER worker`.
// An imported or squashed layer records none.

export interface InstructionForm {
  /** What an entry that records no instruction reads as. */
  none: string;
  /** Content hashes (`file:0a1b…`) cut to 12 digits, as docker shows ids. */
  shortHashes: boolean;
}

/** How the reports' tables and cards name an instruction: short hashes, as a person scans them. */
export const REPORT_FORM: InstructionForm = {
  none: '(base image layer, no instruction recorded)',
  shortHashes: true,
};

/** How a check's message names one: whole, so the message can be searched for in the history. */
export const MESSAGE_FORM: InstructionForm = {
  none: '(no instruction recorded: an imported layer)',
  shortHashes: false,
};

// The Dockerfile's keywords: how a BuildKit entry starts.
const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

const BUILDKIT_SUFFIX = / # buildkit$/;
const BUILD_ARGS = /^\|\d+ (?:\S+=\S* )*/;
const NOP = /^.*?#\(nop\) ?(.*)$/;
const SHELL = /^\/bin\/sh -c /;
const CONTENT_HASH = /\b(file|multi|dir):([0-9a-f]{12})[0-9a-f]{52}\b/g;

/**
 * The instruction as a person wrote it, white space folded:
 * `/bin/sh -c #(nop)  USER worker` → `USER worker`,
 * `|1 A=1 /bin/sh -c pip install x` and `RUN /bin/sh -c pip install x # buildkit` → `RUN pip install x`.
 */
export function instructionOf(createdBy: string, form: InstructionForm = REPORT_FORM): string {
  const text = written(createdBy);
  if (!text) return form.none;
  return form.shortHashes ? text.replace(CONTENT_HASH, '$1:$2…') : text;
}

/** The instruction's keyword (`RUN`, `COPY`, …); undefined when the entry records none. */
export function instructionKeyword(createdBy: string): string | undefined {
  const text = written(createdBy);
  return text ? text.split(' ', 1)[0] : undefined;
}

function written(createdBy: string): string {
  const text = createdBy.replace(/\s+/g, ' ').trim().replace(BUILDKIT_SUFFIX, '');
  if (!text) return '';
  const nop = NOP.exec(text);
  if (nop) return (nop[1] ?? '').trim();
  const [first = '', ...rest] = text.split(' ');
  if (KEYWORDS.has(first)) {
    return first === 'RUN' ? `RUN ${commandOf(rest.join(' '))}` : text;
  }
  return `RUN ${commandOf(text)}`;
}

/** A RUN's command without the build arguments and the shell the builder put in front of it. */
function commandOf(recorded: string): string {
  return recorded.replace(BUILD_ARGS, '').replace(SHELL, '').trim();
}
