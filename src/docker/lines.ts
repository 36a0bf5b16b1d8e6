// Output of a process in a container, read as it passes and never kept whole:
// a project may print gigabytes. Lines are cut at MAX_LINE_CHARS (the rest of
// a longer line is dropped, not buffered), and a Tail keeps the last lines.
import { StringDecoder } from 'node:string_decoder';

export const MAX_LINE_CHARS = 4096;
export const CUT_MARK = ' [… line cut at 4 KiB]';

/** Splits a byte stream into lines, each at most MAX_LINE_CHARS long. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private cut = false;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly max = MAX_LINE_CHARS,
  ) {}

  push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const piece = nl < 0 ? text.slice(start) : text.slice(start, nl);
      if (!this.cut) {
        const room = this.max - this.pending.length;
        if (piece.length > room) {
          this.pending += piece.slice(0, room);
          this.cut = true;
        } else this.pending += piece;
      }
      if (nl < 0) return;
      this.flush();
      start = nl + 1;
    }
  }

  end(): void {
    this.push(Buffer.from(this.decoder.end()));
    if (this.pending || this.cut) this.flush();
  }

  private flush(): void {
    this.emit(this.cut ? `${this.pending}${CUT_MARK}` : this.pending);
    this.pending = '';
    this.cut = false;
  }
}

/** The last `size` lines seen, and how many there were in all. */
export class Tail {
  private readonly ring: string[] = [];
  total = 0;

  constructor(private readonly size: number) {}

  add(line: string): void {
    this.total++;
    this.ring.push(line);
    if (this.ring.length > this.size) this.ring.shift();
  }

  text(): string {
    return this.ring.join('\n');
  }
}
