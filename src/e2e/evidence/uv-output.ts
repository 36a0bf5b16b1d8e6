// Reading what uv prints during a setup (uv 0.13, no TTY: no colours, no
// progress bars). Its summary lines are recorded beside the cache evidence;
// they are not the evidence (uv prints `Downloaded` only for large wheels, and
// a template decides how uv is called; the cache's own folders prove its state):
//   Resolved 13 packages in 2.66s
//   Downloading ruff (10.2MiB)         only for large files, then
//    Downloaded ruff
//      Built framework @ file:///workspace/project/framework     a local build
//   Prepared 11 packages in 3.34s      fetched, built or unpacked into the cache
//   warning: Failed to hardlink files; falling back to full copy. ...
//   Installed 13 packages in 311ms
//   Bytecode compiled 708 files in 1.92s   with UV_COMPILE_BYTECODE / --compile-bytecode
//   Checked 20 packages in 0.57ms      `uv sync` when nothing was to do (`uv pip`: Audited)

import { stripAnsi } from '../../model/text.js';

export interface UvSummary {
  /** ` Downloaded NAME` lines: uv prints them for large files only. */
  downloaded: number;
  prepared: number;
  installed: number;
  audited: number;
  /** Local builds (`Built NAME @ file://...` or a git source): prepared, but never downloaded from an index. */
  localBuilds: number;
  /** uv tried to hard-link from its cache and copied instead. */
  hardlinkFailed: boolean;
  /** How many uv summary lines were seen at all: 0 means the setup may not have run uv. */
  lines: number;
  /**
   * Seconds uv says it spent preparing (downloading, building, unpacking) and installing
   * (linking or copying into the venvs): where a warm setup's time goes.
   */
  prepareSeconds: number;
  installSeconds: number;
}

/** `311ms`, `2.66s`, `1m 05s` (uv's durations) → seconds. */
export function uvDuration(text: string): number | undefined {
  const match = /^(?:(\d+)m\s*)?(\d+(?:\.\d+)?)(ms|µs|us|s)$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[2]);
  const unit = match[3] === 's' ? 1 : match[3] === 'ms' ? 1e-3 : 1e-6;
  return Number(match[1] ?? 0) * 60 + value * unit;
}

export const HARDLINK_WARNING = /Failed to hardlink files/;

/** One line of uv's output that says what uv did, or undefined for any other line. */
export type UvEvent =
  | { kind: 'downloaded'; name: string }
  | { kind: 'built'; name: string }
  | { kind: 'hardlink-failed' }
  | {
      kind: 'resolved' | 'prepared' | 'installed' | 'uninstalled' | 'audited' | 'compiled';
      count: number;
      seconds: number | undefined;
    };

const COUNTED: ReadonlyArray<[Exclude<UvEvent['kind'], 'downloaded' | 'built' | 'hardlink-failed'>, RegExp]> =
  [
    ['resolved', /^Resolved (\d+) packages? in /],
    ['prepared', /^Prepared (\d+) packages? in /],
    ['installed', /^Installed (\d+) packages? in /],
    ['uninstalled', /^Uninstalled (\d+) packages? in /],
    // `uv pip install` says Audited, `uv sync` (0.13) Checked, when nothing was to do.
    ['audited', /^(?:Audited|Checked) (\d+) packages? in /],
    ['compiled', /^Bytecode compiled (\d+) files? in /],
  ];

export function uvEvent(raw: string): UvEvent | undefined {
  const line = stripAnsi(raw).trim();
  if (HARDLINK_WARNING.test(line)) return { kind: 'hardlink-failed' };
  const downloaded = /^Downloaded (\S+)$/.exec(line);
  if (downloaded) return { kind: 'downloaded', name: downloaded[1] as string };
  // A local build: a path or git source, never an index's sdist (`Built pyyaml==6.0.2`).
  const built = /^Built (\S+) @ (?:file|git\+)/.exec(line);
  if (built) return { kind: 'built', name: built[1] as string };
  for (const [kind, pattern] of COUNTED) {
    const match = pattern.exec(line);
    if (match) {
      const seconds = uvDuration(line.slice(line.lastIndexOf(' in ') + 4));
      return { kind, count: Number(match[1]), seconds };
    }
  }
  return undefined;
}

/** Whether a line is one readUvOutput reads: the rest of a phase's output need not be kept. */
export function isUvSummaryLine(line: string): boolean {
  return /Downloaded |Built |Prepared |Installed |Audited |Checked |Bytecode compiled |Failed to hardlink/.test(
    line,
  );
}

export function readUvOutput(output: string): UvSummary {
  const summary: UvSummary = {
    downloaded: 0,
    prepared: 0,
    installed: 0,
    audited: 0,
    localBuilds: 0,
    hardlinkFailed: false,
    lines: 0,
    prepareSeconds: 0,
    installSeconds: 0,
  };
  for (const line of output.split('\n')) {
    const event = uvEvent(line);
    if (!event) continue;
    if (event.kind === 'hardlink-failed') summary.hardlinkFailed = true;
    else if (event.kind === 'built') summary.localBuilds++;
    else if (event.kind === 'downloaded') {
      summary.downloaded++;
      summary.lines++;
    } else if (event.kind === 'prepared' || event.kind === 'installed' || event.kind === 'audited') {
      summary[event.kind] += event.count;
      summary.lines++;
      if (event.kind === 'prepared') summary.prepareSeconds += event.seconds ?? 0;
      if (event.kind === 'installed') summary.installSeconds += event.seconds ?? 0;
    }
  }
  return summary;
}

/**
 * Where uv's own lines contradict the cache evidence, in words; undefined when
 * they agree. Prepared packages that were not local builds came from an index
 * (or its cache's unpacked archives): a setup that downloaded nothing may
 * still unpack, so only a `Downloaded` line contradicts zero downloads.
 */
export function disagreement(downloads: number, uv: UvSummary): string | undefined {
  if (downloads === 0 && uv.downloaded > 0) {
    return `uv printed ${uv.downloaded} "Downloaded" line(s) but no distribution is new in the cache`;
  }
  const fromIndex = uv.prepared - uv.localBuilds;
  if (downloads > 0 && uv.lines > 0 && fromIndex <= 0) {
    return `the cache gained ${downloads} distribution(s) but uv prepared none from an index`;
  }
  return undefined;
}
