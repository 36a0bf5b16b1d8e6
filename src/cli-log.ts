// What the CLI shows a person while it works. On a terminal: one status line,
// redrawn, with the stage, worker and phase (the open log group) and the time
// it has taken, the last output line beside it; messages scroll above it.
// Elsewhere (not a TTY, or CI set): plain lines, every output line included.
import type { Log } from './model/log.js';
import { stripAnsi } from './model/text.js';

export interface Terminal {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

export interface CliLog extends Log {
  /** Stop redrawing and clear the status line. */
  close(): void;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function isLiveTerminal(term: Terminal, env: NodeJS.ProcessEnv): boolean {
  return term.isTTY === true && !env.CI && env.TERM !== 'dumb';
}

export function formatElapsed(seconds: number): string {
  const s = Math.floor(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function createCliLog(term: Terminal, env: NodeJS.ProcessEnv, now: () => number = Date.now): CliLog {
  return isLiveTerminal(term, env) ? liveLog(term, now) : plainLog(term, now);
}

/** A section's closing line: ✓ only when it passed; a failure says why (`exit 1`). */
function closing(title: string, started: number, ended: number, failure: string | undefined): string {
  const seconds = `${((ended - started) / 1000).toFixed(1)} s`;
  return failure ? `✗ ${title} (${seconds}, ${failure})` : `✓ ${title} (${seconds})`;
}

function plainLog(term: Terminal, now: () => number): CliLog {
  return {
    info: (m) => term.write(`worker-gate: ${m}\n`),
    warn: (m) => term.write(`worker-gate: warning: ${m}\n`),
    group: async (title, fn, failed) => {
      const started = now();
      term.write(`worker-gate: ▶ ${title}\n`);
      try {
        const result = await fn();
        term.write(`worker-gate: ${closing(title, started, now(), failed?.(result))}\n`);
        return result;
      } catch (err) {
        term.write(`worker-gate: ✗ ${title} (${((now() - started) / 1000).toFixed(1)} s)\n`);
        throw err;
      }
    },
    detail: (line) => term.write(`  ${line}\n`),
    close: () => {},
  };
}

function liveLog(term: Terminal, now: () => number): CliLog {
  const started = now();
  const groups: { title: string; started: number }[] = [];
  let lastLine = '';
  let frame = 0;
  let drawn = false;
  const width = (): number => Math.max(40, (term.columns ?? 100) - 1);
  const clear = (): void => {
    if (drawn) term.write('\r\x1b[2K');
    drawn = false;
  };
  const draw = (): void => {
    const current = groups[groups.length - 1];
    const since = current ? current.started : started;
    const head = `${SPINNER[frame++ % SPINNER.length]} ${formatElapsed((now() - started) / 1000)} ${current?.title ?? 'worker-gate'} (${formatElapsed((now() - since) / 1000)})`;
    const tail = lastLine ? ` │ ${lastLine}` : '';
    term.write(`\r\x1b[2K${(head + tail).slice(0, width())}`);
    drawn = true;
  };
  const above = (text: string): void => {
    clear();
    term.write(text);
    draw();
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    info: (m) => above(`worker-gate: ${m}\n`),
    warn: (m) => above(`worker-gate: warning: ${m}\n`),
    group: async (title, fn, failed) => {
      const group = { title, started: now() };
      groups.push(group);
      lastLine = '';
      draw();
      try {
        const result = await fn();
        above(`${closing(title, group.started, now(), failed?.(result))}\n`);
        return result;
      } catch (err) {
        above(`✗ ${title} (${((now() - group.started) / 1000).toFixed(1)} s)\n`);
        throw err;
      } finally {
        groups.splice(groups.indexOf(group), 1);
        lastLine = '';
      }
    },
    detail: (line) => {
      // Colour and cursor codes from tools' output would garble the status line.
      const text = stripAnsi(line).trim();
      if (text) lastLine = text;
    },
    close: () => {
      clearInterval(timer);
      clear();
    },
  };
}
