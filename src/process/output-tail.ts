// The end of one output stream of a child process. A program may print without
// bound (a git that lists a huge tree, a helper stuck in a loop), so only the
// last bytes are kept, and what was dropped is counted: whoever shows the text
// says how much came before it.

export class OutputTail {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly limitBytes: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.kept > this.limitBytes) {
      const first = this.chunks[0] as Buffer;
      const excess = this.kept - this.limitBytes;
      const gone = Math.min(first.length, excess);
      if (gone === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(gone);
      this.kept -= gone;
      this.dropped += gone;
    }
  }

  /** Bytes dropped from the start. */
  get cutBytes(): number {
    return this.dropped;
  }

  /** What is kept, as UTF-8 (a character the cut split at the start shows as U+FFFD). */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
