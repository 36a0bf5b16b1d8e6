// Reads a profiled make phase's output line by line, as it streams: the timing
// shell's markers (profile-shell.sh) open and close each recipe line, and uv's
// summary lines in between belong to it. Markers never reach the log.
import { round } from '../../model/numbers.js';
import type { ProfileUv } from '../../model/report.js';
import { uvEvent } from '../evidence/uv-output.js';
import { MARKER, MARKER_START } from './markers.js';

export interface TimedLine {
  target: string;
  command: string;
  seconds: number;
  exitCode: number | null;
  uv: ProfileUv;
  /** `Prepared N packages in T` of each uv command, with the local packages it built. */
  prepares: { count: number; seconds: number; built: string[] }[];
  /** uv printed at least one summary line. */
  ranUv: boolean;
}

interface Open extends TimedLine {
  pid: string;
  start: number;
  pendingBuilt: string[];
}

export class ProfileReader {
  readonly lines: TimedLine[] = [];
  private open: Open | undefined;

  /** Takes one line of output; true when it was a marker (not the project's output). */
  push(raw: string): boolean {
    const at = raw.indexOf(MARKER_START);
    if (at < 0) {
      if (this.open) this.uvLine(this.open, raw);
      return false;
    }
    const match = MARKER.exec(raw.slice(at));
    if (!match) return false;
    const [, what, pid, rest = ''] = match;
    if (what === 'begin') this.begin(pid as string, rest);
    else if (this.open && this.open.pid === pid) {
      const open = this.open;
      if (what === 'cmd') open.command += open.command ? `\n${rest}` : rest;
      else this.end(open, rest);
    }
    return true;
  }

  /** A line make started and never saw end (the phase was stopped): closed at the phase's end. */
  finish(): TimedLine[] {
    if (this.open) {
      this.lines.push(strip(this.open));
      this.open = undefined;
    }
    return this.lines;
  }

  private begin(pid: string, rest: string): void {
    const [uptime = '', ...target] = rest.split(' ');
    this.finish();
    this.open = {
      pid,
      start: Number(uptime),
      target: target.join(' '),
      command: '',
      seconds: 0,
      exitCode: null,
      ranUv: false,
      prepares: [],
      pendingBuilt: [],
      uv: {
        resolveSeconds: 0,
        prepared: 0,
        prepareSeconds: 0,
        installed: 0,
        installSeconds: 0,
        built: [],
        hardlinkFailed: false,
      },
    };
  }

  private end(line: Open, rest: string): void {
    const [uptime, code] = rest.split(' ');
    line.seconds = Math.max(0, round(Number(uptime) - line.start, 2));
    line.exitCode = code === undefined || code === '' ? null : Number(code);
    this.lines.push(strip(line));
    this.open = undefined;
  }

  private uvLine(line: Open, raw: string): void {
    const event = uvEvent(raw);
    if (!event) return;
    line.ranUv = true;
    const uv = line.uv;
    switch (event.kind) {
      case 'hardlink-failed':
        uv.hardlinkFailed = true;
        return;
      case 'built':
        uv.built.push(event.name);
        line.pendingBuilt.push(event.name);
        return;
      case 'downloaded':
      case 'audited':
        return;
      case 'resolved':
        uv.resolveSeconds += event.seconds ?? 0;
        return;
      case 'prepared':
        uv.prepared += event.count;
        uv.prepareSeconds += event.seconds ?? 0;
        line.prepares.push({ count: event.count, seconds: event.seconds ?? 0, built: line.pendingBuilt });
        line.pendingBuilt = [];
        return;
      case 'compiled':
        uv.compiled = (uv.compiled ?? 0) + event.count;
        uv.compileSeconds = (uv.compileSeconds ?? 0) + (event.seconds ?? 0);
        return;
      case 'installed':
      case 'uninstalled':
        if (event.kind === 'installed') uv.installed += event.count;
        uv.installSeconds += event.seconds ?? 0;
    }
  }
}

function strip(line: Open): TimedLine {
  const { pid: _pid, start: _start, pendingBuilt: _pending, ...timed } = line;
  return timed;
}
