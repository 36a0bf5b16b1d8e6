// BuildKit's progress as `docker buildx build --progress rawjson` streams it on
// stderr: JSON objects (pretty-printed, one after another) carrying the build's
// vertexes (BuildKit's own steps: digest, name, started, completed, cached,
// error) and their logs (base64), with plain text between them (buildx's closing
// `ERROR: …`). Read as it arrives, it gives the live log in the form of
// `--progress plain` and, at the end, every step with its time, whether it was
// cached, its error and the last lines of its output.

export interface BuildkitVertex {
  readonly digest: string;
  /** `[stage-1 2/3] RUN …` for a Dockerfile step, `[internal] …` or `exporting to image` otherwise. */
  readonly name: string;
  /** Its number in the live log, in the order it first appeared. */
  readonly number: number;
  started?: string;
  completed?: string;
  cached?: boolean;
  error?: string;
  /** Its output, line by line, the last LOG_LINES of them. */
  readonly output: string[];
}

interface RawVertex {
  digest?: string;
  name?: string;
  started?: string;
  completed?: string;
  cached?: boolean;
  error?: string;
}

interface RawLog {
  vertex?: string;
  data?: string;
}

interface RawStatus {
  vertexes?: RawVertex[];
  logs?: RawLog[];
}

/** A step keeps this many of its last output lines: what a failure shows. */
const LOG_LINES = 200;

export class BuildkitProgress {
  private readonly vertices = new Map<string, BuildkitVertex>();
  /** A line of a step's output not ended yet, per digest. */
  private readonly partial = new Map<string, string>();
  /** Plain text between the JSON objects, line by line (buildx's `ERROR: …`). */
  readonly messages: string[] = [];
  private object = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private text = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** The next piece of the stream, cut anywhere. */
  push(chunk: string): void {
    for (const ch of chunk) {
      if (this.depth === 0 && ch !== '{') {
        this.plainText(ch);
        continue;
      }
      this.object += ch;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
      } else if (ch === '"') this.inString = true;
      else if (ch === '{') this.depth++;
      else if (ch === '}' && --this.depth === 0) {
        this.status(this.object);
        this.object = '';
      }
    }
  }

  /** The end of the stream: what is left unfinished is flushed. */
  end(): void {
    for (const [digest, rest] of this.partial) if (rest) this.outputLine(digest, rest);
    this.partial.clear();
    if (this.text.trim()) this.message(this.text);
    this.text = '';
  }

  /** Every vertex, in the order it first appeared. */
  all(): BuildkitVertex[] {
    return [...this.vertices.values()];
  }

  private plainText(ch: string): void {
    if (ch !== '\n') {
      this.text += ch;
      return;
    }
    if (this.text.trim()) this.message(this.text);
    this.text = '';
  }

  private message(line: string): void {
    this.messages.push(line.trimEnd());
    this.onLine(line.trimEnd());
  }

  private status(json: string): void {
    let parsed: RawStatus;
    try {
      parsed = JSON.parse(json) as RawStatus;
    } catch {
      this.message(json);
      return;
    }
    for (const raw of parsed.vertexes ?? []) this.vertex(raw);
    for (const log of parsed.logs ?? []) this.log(log);
  }

  private vertex(raw: RawVertex): void {
    if (!raw.digest || !raw.name) return;
    let v = this.vertices.get(raw.digest);
    if (!v) {
      v = { digest: raw.digest, name: raw.name, number: this.vertices.size + 1, output: [] };
      this.vertices.set(raw.digest, v);
    }
    if (raw.started && !v.started) {
      v.started = raw.started;
      this.onLine(`#${v.number} ${v.name}`);
    }
    if (raw.cached && !v.cached) {
      v.cached = true;
      this.onLine(`#${v.number} CACHED`);
    }
    if (raw.error && !v.error) {
      v.error = raw.error;
      this.onLine(`#${v.number} ERROR: ${raw.error}`);
    }
    if (raw.completed && !v.completed) {
      v.completed = raw.completed;
      if (!v.cached && !v.error) this.onLine(`#${v.number} DONE ${secondsOf(v)?.toFixed(1) ?? '?'}s`);
    }
  }

  private log(raw: RawLog): void {
    if (!raw.vertex || !raw.data || !this.vertices.has(raw.vertex)) return;
    const text = (this.partial.get(raw.vertex) ?? '') + Buffer.from(raw.data, 'base64').toString('utf8');
    const lines = text.split('\n');
    this.partial.set(raw.vertex, lines.pop() ?? '');
    for (const line of lines) this.outputLine(raw.vertex, line.replace(/\r$/, ''));
  }

  private outputLine(digest: string, line: string): void {
    const v = this.vertices.get(digest);
    if (!v) return;
    v.output.push(line);
    if (v.output.length > LOG_LINES) v.output.shift();
    this.onLine(`#${v.number} ${line}`);
  }
}

/** How long a vertex ran, from BuildKit's own timestamps; undefined until it has both. */
export function secondsOf(v: Pick<BuildkitVertex, 'started' | 'completed'>): number | undefined {
  if (!v.started || !v.completed) return undefined;
  const ms = Date.parse(v.completed) - Date.parse(v.started);
  return Number.isFinite(ms) ? Math.max(0, ms / 1000) : undefined;
}
