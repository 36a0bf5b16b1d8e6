// The one way worker-gate runs a program on the host (git, a credential
// helper). Every child process gets:
//   - a deadline: the run's engine-timeout unless the call names its own; a
//     program that waits (a credential prompt, a lock) must not hold the run;
//   - the run's abort (Ctrl-C, an engine that stopped answering): what runs is
//     stopped, and nothing new starts once the run is aborted;
//   - bounded output: the last bytes of stdout and stderr, with what was cut;
//   - the run's redactor over everything it words for logs and errors (the
//     command line, the last lines of stderr); stdout goes back untouched, for
//     the caller to read, and never into a message (a helper prints secrets there);
//   - the environment the caller gives, and nothing of this process's besides.
// A program runs in a process group of its own, and stopping it stops the whole
// group: a shell's child or git's helper would otherwise hold its output open
// (and the run with it) long after the deadline. spawnPiped starts one the
// caller speaks with over its stdin and stdout (an ssh connection) instead.
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { execa } from 'execa';
import { describeError, InfraError } from '../model/errors.js';
import type { Redactor } from '../model/redact.js';
import { formatBytes } from '../model/units.js';
import { OutputTail } from './output-tail.js';

/** What every process of one run shares. */
export interface RunnerSettings {
  /** engine-timeout: each process's deadline unless the call gives its own. */
  readonly timeoutSeconds: number;
  /** The run's abort: stops what runs, refuses what would start. */
  readonly signal?: AbortSignal;
  readonly redactor: Redactor;
}

export interface RunOptions {
  readonly cwd?: string;
  /** The child's whole environment (nothing of this process's is added); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to its stdin; without it, stdin is empty. */
  readonly input?: string | Uint8Array;
  /** Seconds it may take; default the run's engine-timeout. */
  readonly timeoutSeconds?: number;
  /** Bytes kept of stdout and of stderr each, the last ones (default 1 MiB). */
  readonly keepBytes?: number;
  /** A non-zero exit is a result the caller reads (`exitCode`), not a ProcessError. */
  readonly allowFailure?: boolean;
  /** Sees stderr as it arrives (a build's progress), besides the kept end. */
  readonly onStderr?: (chunk: string) => void;
}

export interface ProcessResult {
  readonly exitCode: number;
  /** The kept ends of its output, as the program wrote them: for the caller to read, never to show. */
  readonly stdout: string;
  readonly stderr: string;
  /** Bytes cut from the start of each stream (keepBytes). */
  readonly cut: { readonly stdout: number; readonly stderr: number };
}

export type RunProcess = (
  file: string,
  args: readonly string[],
  options?: RunOptions,
) => Promise<ProcessResult>;

/** Why a process gave no result: it could not start, missed its deadline, was aborted, exited non-zero or was killed. */
export type ProcessFailure = 'not-started' | 'deadline' | 'aborted' | 'exit' | 'signal';

/** A program that failed: the message names the command (redacted) and how; the detail holds stderr's last lines. */
export class ProcessError extends InfraError {
  constructor(
    message: string,
    detail: string | undefined,
    readonly failure: ProcessFailure,
    readonly exitCode?: number,
  ) {
    super(message, detail);
    this.name = 'ProcessError';
  }
}

const DEFAULT_KEEP_BYTES = 1024 * 1024;
/** Of stderr, an error shows the last lines, this many and at most this long. */
const ERROR_LINES = 20;
const ERROR_CHARS = 4000;
/** After SIGTERM, how long a stopped program has before SIGKILL. */
const GRACE_MS = 5000;

export function processRunner(settings: RunnerSettings): RunProcess {
  return (file, args, options = {}) => runOne(settings, file, args, options);
}

async function runOne(
  settings: RunnerSettings,
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<ProcessResult> {
  const { redactor, signal } = settings;
  const named = `\`${redactor.text(commandLine(file, args))}\`${options.cwd ? ` in ${options.cwd}` : ''}`;
  if (signal?.aborted) throw stoppedBy(named, signal.reason);
  const seconds = options.timeoutSeconds ?? settings.timeoutSeconds;
  const keep = options.keepBytes ?? DEFAULT_KEEP_BYTES;
  const stdout = new OutputTail(keep);
  const stderr = new OutputTail(keep);
  const child = execa(file, args, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: options.env ?? process.env,
    extendEnv: false,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    detached: true,
    buffer: false,
    reject: false,
  });
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  // A decoder, so a character split across two chunks reaches onStderr whole.
  const decoder = new StringDecoder('utf8');
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    options.onStderr?.(decoder.write(chunk));
  });

  let stopped: 'deadline' | 'aborted' | undefined;
  let force: NodeJS.Timeout | undefined;
  const stop = (why: 'deadline' | 'aborted'): void => {
    if (stopped) return;
    stopped = why;
    killGroup(child.pid, 'SIGTERM');
    force = setTimeout(() => killGroup(child.pid, 'SIGKILL'), GRACE_MS);
  };
  const deadline = setTimeout(() => stop('deadline'), seconds * 1000);
  const onAbort = (): void => stop('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  track(child.pid);
  let result: Awaited<typeof child>;
  try {
    result = await child;
  } finally {
    clearTimeout(deadline);
    clearTimeout(force);
    signal?.removeEventListener('abort', onAbort);
    if (child.pid !== undefined) live.delete(child.pid);
    // Whatever of a stopped group outlived its leader goes too.
    if (stopped) killGroup(child.pid, 'SIGKILL');
  }

  const tail = () => errorTail(redactor.text(stderr.text()), stderr.cutBytes);
  if (stopped === 'deadline') {
    const which = options.timeoutSeconds === undefined ? ' (engine-timeout)' : '';
    throw new ProcessError(
      `${named} did not finish within ${seconds} s${which}, and was stopped`,
      tail(),
      'deadline',
    );
  }
  if (stopped === 'aborted') throw stoppedBy(named, signal?.reason);
  if (result.exitCode === undefined && result.signal === undefined) {
    throw new ProcessError(`cannot run ${named}: ${notStarted(file, result)}`, undefined, 'not-started');
  }
  if (result.exitCode === undefined) {
    throw new ProcessError(`${named} was killed by ${result.signal}`, tail(), 'signal');
  }
  if (result.exitCode !== 0 && !options.allowFailure) {
    throw new ProcessError(`${named} exited with ${result.exitCode}`, tail(), 'exit', result.exitCode);
  }
  return {
    exitCode: result.exitCode,
    stdout: stdout.text(),
    stderr: stderr.text(),
    cut: { stdout: stdout.cutBytes, stderr: stderr.cutBytes },
  };
}

/** A program the caller talks to through its stdin and stdout for as long as it needs (a connection). */
export interface PipedProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  /** stderr's last lines, redacted, for an error's detail. */
  stderrTail(): string | undefined;
  /** Settles when it ends: its exit code, or the signal that ended it, or why it never started. */
  readonly ended: Promise<{ exitCode?: number; signal?: string; notStarted?: string }>;
  /** Stops its process group (SIGTERM, then SIGKILL after a grace). */
  stop(): void;
  /** Whether it keeps this process alive while it waits (an idle connection must not). */
  ref(): void;
  unref(): void;
}

/**
 * Starts a program whose stdin and stdout are the caller's to speak over, in a
 * process group of its own (Ctrl-C on the terminal must not cut the connection
 * the clean-up still needs) and stopped with worker-gate if it is still running
 * then. No deadline: the caller bounds what it asks of it.
 */
export function spawnPiped(
  file: string,
  args: readonly string[],
  options: { env: Readonly<Record<string, string | undefined>>; redactor: Redactor },
): PipedProcess {
  const stderr = new OutputTail(64 * 1024);
  const child = execa(file, args, {
    env: options.env,
    extendEnv: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    detached: true,
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  track(child.pid);
  let force: NodeJS.Timeout | undefined;
  const ended = child.then((result) => {
    clearTimeout(force);
    if (child.pid !== undefined) live.delete(child.pid);
    killGroup(child.pid, 'SIGKILL');
    if (result.exitCode === undefined && result.signal === undefined)
      return { notStarted: notStarted(file, result) };
    return {
      ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
      ...(result.signal !== undefined ? { signal: result.signal } : {}),
    };
  });
  const handles = [child, child.stdin, child.stdout, child.stderr] as ({
    ref?(): void;
    unref?(): void;
  } | null)[];
  return {
    stdin: child.stdin as Writable,
    stdout: child.stdout as Readable,
    stderrTail: () => errorTail(options.redactor.text(stderr.text()), stderr.cutBytes),
    ended,
    stop() {
      if (force) return;
      killGroup(child.pid, 'SIGTERM');
      force = setTimeout(() => killGroup(child.pid, 'SIGKILL'), GRACE_MS);
      force.unref();
    },
    ref: () => {
      for (const handle of handles) handle?.ref?.();
    },
    unref: () => {
      for (const handle of handles) handle?.unref?.();
    },
  };
}

function stoppedBy(named: string, reason: unknown): ProcessError {
  const why = reason === undefined ? 'the run was aborted' : describeError(reason).message;
  return new ProcessError(`${named} was stopped: ${why}`, undefined, 'aborted');
}

function notStarted(file: string, result: { code?: string; originalMessage?: string }): string {
  const cause = (result.originalMessage ?? 'it could not be started').split('\n')[0];
  if (result.code === 'ENOENT' && !/cwd/.test(cause ?? '')) return `${file} is not installed or not on PATH`;
  return cause ?? 'it could not be started';
}

/** stderr's last lines for an error's detail (at most ERROR_LINES, ERROR_CHARS), saying how much came before. */
function errorTail(text: string, cutBytes: number): string | undefined {
  const trimmed = text.trimEnd();
  if (trimmed.trim() === '') return undefined;
  const lines = trimmed.split('\n').slice(-ERROR_LINES).join('\n');
  const shown = lines.length > ERROR_CHARS ? lines.slice(-ERROR_CHARS) : lines;
  const hidden = cutBytes + Buffer.byteLength(trimmed.slice(0, trimmed.length - shown.length));
  return hidden > 0 ? `… (${formatBytes(hidden)} before these)\n${shown}` : shown;
}

/** `git -C '/my dir' status`: shell-quoted where needed, so it can be copied. */
export function commandLine(file: string, args: readonly string[]): string {
  return [file, ...args].map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : shellQuote(word))).join(' ');
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

// Process groups still running, stopped at once if worker-gate itself exits
// (a second Ctrl-C): in a group of their own, the terminal's signal misses them.
const live = new Set<number>();
let exitHook = false;

function track(pid: number | undefined): void {
  if (pid === undefined) return;
  live.add(pid);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const group of live) killGroup(group, 'SIGKILL');
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}
