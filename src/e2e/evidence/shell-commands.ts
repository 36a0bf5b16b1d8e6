// Which commands a piece of shell text runs, read without running it: every
// word the shell would look up as a command (at the start of a line, after
// `;`, `&&`, `||`, `|`, `&`, `(`, `then`, `do`, `else`, `!`, `{`, inside `$(…)`
// and backticks, behind `exec`, `env VAR=…`, `nohup`, `time`, `xargs`, …),
// and every name the text tests with `command -v`, `which`, `type` or `hash`.
// A lexer of POSIX sh with bash's common extras, enough for hooks, scripts and
// Makefile recipes: quotes, escapes, comments, here-documents, case patterns,
// redirections and function definitions are not commands. What it cannot read
// statically (a command word that expands, like `$RUFF`) names no command.

export interface ShellCommand {
  /** The command word, quotes removed: `ruff`, `.venv/bin/ruff`. */
  name: string;
  /** 1-based line of the text it starts on, counted from `firstLine`. */
  line: number;
}

export interface ShellScan {
  commands: ShellCommand[];
  /** Names tested for presence: `command -v ruff`, `which ruff`, `type ruff`, `hash ruff`. */
  tested: Set<string>;
}

export function shellCommands(text: string, firstLine = 1): ShellScan {
  const scan: ShellScan = { commands: [], tested: new Set() };
  scanList(new Lexer(text, firstLine, scan), false);
  return scan;
}

interface Word {
  kind: 'word';
  line: number;
  /** The word with quotes removed; undefined when it expands ($VAR, $(…), `…`). */
  value: string | undefined;
  raw: string;
  /** A file descriptor before a redirection: the `2` of `2>&1`. */
  io: boolean;
}

interface Op {
  kind: 'op';
  op: string;
}

type Token = Word | Op;

// Longest first: `&&` before `&`, `<<-` before `<<` before `<`.
const OPS = [
  ';;&',
  '<<-',
  '<<<',
  '&>>',
  '&&',
  '||',
  ';;',
  ';&',
  '|&',
  '&>',
  '<<',
  '>>',
  '>&',
  '<&',
  '<>',
  '>|',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
];
const REDIRECTS = new Set(['<', '>', '>>', '>&', '<&', '<>', '>|', '<<<', '&>', '&>>', '<<', '<<-']);
const SEPARATORS = new Set(['\n', ';', '&', '&&', '||', '|', '|&']);
const WORD_END = ' \t\n;&|()<>';
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

/** Words after which the next word is still a command. */
const KEEPS_COMMAND = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);
/** Words that close a compound command: what follows is a redirection or an operator. */
const CLOSES = new Set(['fi', 'done', 'esac', '}']);
/** Commands whose arguments are names tested for presence. */
const TESTS = new Set(['which', 'type', 'hash']);
/** Shells whose `-c` argument is shell text, and `eval`, whose arguments are. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'busybox']);

/** Commands that run the command after their options (and `positional` leading arguments). */
interface Wrapper {
  /** Options that take the next word as their value. */
  takesValue: readonly string[];
  positional?: number;
}

const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  command: { takesValue: [] },
  builtin: { takesValue: [] },
  exec: { takesValue: ['-a'] },
  time: { takesValue: [] },
  nohup: { takesValue: [] },
  setsid: { takesValue: [] },
  chronic: { takesValue: [] },
  env: { takesValue: ['-u', '-C', '--unset', '--chdir'] },
  nice: { takesValue: ['-n', '--adjustment'] },
  ionice: { takesValue: ['-c', '-n', '--class', '--classdata'] },
  stdbuf: { takesValue: ['-i', '-o', '-e'] },
  timeout: { takesValue: ['-s', '-k', '--signal', '--kill-after'], positional: 1 },
  flock: { takesValue: ['-w', '-E', '--timeout', '--conflict-exit-code'], positional: 1 },
  sudo: { takesValue: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U'] },
  doas: { takesValue: ['-u', '-C'] },
  xargs: {
    takesValue: ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args'],
  },
};

const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);
/** Substitutions deeper than this are skipped, not read: a hostile file cannot exhaust the stack. */
const MAX_NESTING = 32;

function countLines(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return n;
}

class Lexer {
  i = 0;
  /** Here-documents whose bodies start after the current line. */
  private heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  /** The next word is a here-document's delimiter (`<<` or `<<-` came last). */
  private delimiterNext: { stripTabs: boolean } | undefined;

  /** How many substitutions deep this lexer reads. */
  private nesting = 0;

  constructor(
    private readonly s: string,
    public line: number,
    readonly scan: ShellScan,
    private readonly outerNesting = 0,
  ) {}

  next(): Token | undefined {
    const s = this.s;
    for (;;) {
      while (s[this.i] === ' ' || s[this.i] === '\t' || (s[this.i] === '\\' && s[this.i + 1] === '\n')) {
        if (s[this.i] === '\\') {
          this.i++;
          this.line++;
        }
        this.i++;
      }
      if (this.i >= s.length) return undefined;
      if (s[this.i] !== '#') break;
      while (this.i < s.length && s[this.i] !== '\n') this.i++;
    }
    if (s[this.i] === '\n') {
      this.i++;
      this.line++;
      this.skipHeredocs();
      return { kind: 'op', op: '\n' };
    }
    const op = OPS.find((o) => s.startsWith(o, this.i));
    if (op) {
      this.i += op.length;
      if (op === '<<' || op === '<<-') this.delimiterNext = { stripTabs: op === '<<-' };
      return { kind: 'op', op };
    }
    const word = this.word();
    if (this.delimiterNext) {
      this.heredocs.push({ delimiter: word.raw.replace(/['"\\]/g, ''), ...this.delimiterNext });
      this.delimiterNext = undefined;
    }
    return word;
  }

  /** The bodies of the here-documents opened on the line just ended: text, not commands. */
  private skipHeredocs(): void {
    for (const { delimiter, stripTabs } of this.heredocs) {
      while (this.i < this.s.length) {
        const end = this.s.indexOf('\n', this.i);
        const stop = end < 0 ? this.s.length : end;
        const text = this.s.slice(this.i, stop);
        this.i = end < 0 ? stop : stop + 1;
        if (end >= 0) this.line++;
        if ((stripTabs ? text.replace(/^\t+/, '') : text) === delimiter) break;
      }
    }
    this.heredocs = [];
  }

  private word(): Word {
    const s = this.s;
    const start = this.i;
    const line = this.line;
    const w = { value: '', literal: true };
    while (this.i < s.length && !WORD_END.includes(s[this.i] as string)) {
      const c = s[this.i] as string;
      if (c === '\\') {
        if (s[this.i + 1] === '\n') this.line++;
        else w.value += s[this.i + 1] ?? '';
        this.i += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        const stop = end < 0 ? s.length : end;
        const chunk = s.slice(this.i + 1, stop);
        w.value += chunk;
        this.line += countLines(chunk);
        this.i = stop + 1;
      } else if (c === '"') {
        this.i++;
        this.doubleQuoted(w);
      } else if (c === '`') {
        this.backticks();
        w.literal = false;
      } else if (c === '$') {
        this.dollar();
        w.literal = false;
      } else {
        w.value += c;
        this.i++;
      }
    }
    const raw = s.slice(start, this.i);
    const io = /^\d+$/.test(raw) && (s[this.i] === '<' || s[this.i] === '>');
    return { kind: 'word', line, value: w.literal ? w.value : undefined, raw, io };
  }

  private doubleQuoted(w: { value: string; literal: boolean }): void {
    const s = this.s;
    while (this.i < s.length && s[this.i] !== '"') {
      const c = s[this.i] as string;
      if (c === '\\') {
        const next = s[this.i + 1] ?? '';
        if (next === '\n') this.line++;
        else w.value += '$`"\\'.includes(next) ? next : `\\${next}`;
        this.i += 2;
      } else if (c === '$') {
        this.dollar();
        w.literal = false;
      } else if (c === '`') {
        this.backticks();
        w.literal = false;
      } else {
        if (c === '\n') this.line++;
        w.value += c;
        this.i++;
      }
    }
    this.i++;
  }

  /** `$(…)` is scanned for commands; `$((…))`, `${…}`, `$'…'` and `$name` only skipped. */
  private dollar(): void {
    const s = this.s;
    const next = s[this.i + 1];
    if (next === '(' && s[this.i + 2] !== '(' && this.depth() < MAX_NESTING) {
      this.i += 2;
      this.nesting++;
      scanList(this, true);
      this.nesting--;
    } else if (next === '(' || next === '{') {
      this.i++;
      this.skipBalanced(next, next === '(' ? ')' : '}');
    } else if (next === "'") {
      this.i += 2;
      while (this.i < s.length && s[this.i] !== "'") {
        if (s[this.i] === '\\') this.i++;
        else if (s[this.i] === '\n') this.line++;
        this.i++;
      }
      this.i++;
    } else {
      this.i++;
      const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(s.slice(this.i, this.i + 256));
      this.i += name ? name[0].length : 0;
    }
  }

  private depth(): number {
    return this.outerNesting + this.nesting;
  }

  private skipBalanced(open: string, close: string): void {
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      this.i++;
      if (c === '\n') this.line++;
      else if (c === open) depth++;
      else if (c === close && --depth === 0) return;
    }
  }

  /** Backticks hold shell text of their own, with `\``, `\$` and `\\` unescaped. */
  private backticks(): void {
    const s = this.s;
    let j = this.i + 1;
    let inner = '';
    while (j < s.length && s[j] !== '`') {
      const c = s[j] as string;
      if (c === '\\' && j + 1 < s.length) {
        const next = s[j + 1] as string;
        inner += '`$\\'.includes(next) ? next : `\\${next}`;
        j += 2;
      } else {
        inner += c;
        j++;
      }
    }
    if (this.depth() < MAX_NESTING) scanList(new Lexer(inner, this.line, this.scan, this.depth() + 1), false);
    this.line += countLines(s.slice(this.i, j));
    this.i = j + 1;
  }
}

type State =
  | 'command'
  | 'args'
  | 'wrapped'
  | 'tests'
  | 'case-word'
  | 'case-in'
  | 'pattern'
  | 'ignore'
  | 'function-name'
  | 'defined';

interface Wrapping {
  name: string;
  spec: Wrapper;
  valueNext: boolean;
  positional: number;
  optionsEnded: boolean;
}

/** One command list (a file, a `$(…)`, a backtick's text): where each word stands. */
class Parser {
  private state: State = 'command';
  private depth = 0;
  /** The next word is a redirection's target. */
  private redirect = false;
  /** The command whose arguments are being read, and its last argument. */
  private current: string | undefined;
  private lastArg: string | undefined;
  /** The argument count of the current command (a `(` right after its name defines a function). */
  private argCount = 0;
  private wrapper: Wrapping | undefined;

  constructor(private readonly scan: ShellScan) {}

  /** The `)` that closes this list's `$(`: not a case pattern's, not a subshell's. */
  closes(token: Token): boolean {
    return token.kind === 'op' && token.op === ')' && this.depth === 0 && this.state !== 'pattern';
  }

  feed(token: Token): void {
    if (token.kind === 'op') this.operator(token.op);
    else if (token.io) return;
    else if (this.redirect) this.redirect = false;
    else this.word(token);
  }

  private operator(op: string): void {
    this.redirect = REDIRECTS.has(op);
    if (this.redirect) return;
    const inCaseHead = this.state === 'pattern' || this.state === 'case-word' || this.state === 'case-in';
    if (inCaseHead && (op === '\n' || op === '|')) return;
    if (op === ';;' || op === ';&' || op === ';;&') this.state = 'pattern';
    else if (SEPARATORS.has(op)) this.state = 'command';
    else if (op === '(') this.open();
    else if (op === ')') this.close();
  }

  private open(): void {
    if (this.state === 'pattern' || this.state === 'defined') return;
    if (this.state === 'args' && this.argCount === 0 && this.current !== undefined) {
      // `name() { … }` defines a function: its name is not a call.
      this.scan.commands.pop();
      this.state = 'defined';
      return;
    }
    this.depth++;
    this.state = 'command';
  }

  private close(): void {
    if (this.state === 'defined') return;
    if (this.state === 'pattern') {
      this.state = 'command';
      return;
    }
    this.depth = Math.max(0, this.depth - 1);
    this.state = 'args';
  }

  private word(w: Word): void {
    switch (this.state) {
      case 'command':
        this.command(w);
        return;
      case 'args':
        this.argument(w);
        return;
      case 'wrapped':
        this.wrapped(w);
        return;
      case 'tests':
        if (w.value !== undefined && !w.value.startsWith('-')) this.scan.tested.add(w.value);
        return;
      case 'case-word':
        this.state = 'case-in';
        return;
      case 'case-in':
        if (w.value === 'in') this.state = 'pattern';
        return;
      case 'pattern':
        if (w.value === 'esac') this.state = 'args';
        return;
      case 'function-name':
        this.state = 'defined';
        return;
      case 'defined':
        // The function's body: `{`, `(` or a command.
        this.state = 'command';
        this.command(w);
        return;
      case 'ignore':
        return;
    }
  }

  private command(w: Word): void {
    const v = w.value;
    if (ASSIGNMENT.test(w.raw)) return;
    this.current = undefined;
    this.argCount = 0;
    this.lastArg = undefined;
    if (v === undefined) {
      this.state = 'args';
      return;
    }
    if (KEEPS_COMMAND.has(v)) return;
    if (CLOSES.has(v)) this.state = 'args';
    else if (v === 'case') this.state = 'case-word';
    else if (v === 'for' || v === 'select') this.state = 'ignore';
    else if (v === 'function') this.state = 'function-name';
    else if (TESTS.has(v)) this.state = 'tests';
    else if (WRAPPERS[v]) {
      this.state = 'wrapped';
      const spec = WRAPPERS[v];
      this.wrapper = {
        name: v,
        spec,
        valueNext: false,
        positional: spec.positional ?? 0,
        optionsEnded: false,
      };
    } else {
      this.scan.commands.push({ name: v, line: w.line });
      this.current = v;
      this.state = 'args';
    }
  }

  /** A wrapper's options, then the command it runs. */
  private wrapped(w: Word): void {
    const wr = this.wrapper;
    const v = w.value;
    if (!wr) {
      this.command(w);
      return;
    }
    if (wr.valueNext) {
      wr.valueNext = false;
      return;
    }
    if (v?.startsWith('-') && !wr.optionsEnded) {
      if (v === '--') wr.optionsEnded = true;
      else if (wr.name === 'command' && /^-[pvV]*[vV]/.test(v)) this.state = 'tests';
      else wr.valueNext = wr.spec.takesValue.includes(v);
      return;
    }
    if (wr.name === 'env' && ASSIGNMENT.test(w.raw)) return;
    if (wr.positional > 0) {
      wr.positional--;
      return;
    }
    this.state = 'command';
    this.command(w);
  }

  /** Arguments that are commands: `find … -exec CMD`, `sh -c TEXT`, `eval TEXT`. */
  private argument(w: Word): void {
    const v = w.value;
    this.argCount++;
    if (this.current === 'find' && v !== undefined && FIND_EXEC.has(v)) this.state = 'command';
    else if (v !== undefined && (this.current === 'eval' || this.shellText())) {
      const inner = shellCommands(v, w.line);
      this.scan.commands.push(...inner.commands);
      for (const name of inner.tested) this.scan.tested.add(name);
    }
    this.lastArg = v;
  }

  private shellText(): boolean {
    return SHELLS.has(this.current ?? '') && /^-[a-z]*c[a-z]*$/.test(this.lastArg ?? '');
  }
}

/** Feeds one list's tokens to its parser; a `$(…)` list ends at its closing `)`. */
function scanList(lexer: Lexer, inSubstitution: boolean): void {
  const parser = new Parser(lexer.scan);
  for (let token = lexer.next(); token; token = lexer.next()) {
    if (inSubstitution && parser.closes(token)) return;
    parser.feed(token);
  }
}
