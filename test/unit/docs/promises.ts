// Reads a Markdown page the way a newcomer would take it at its word, and lists
// every promise it makes that the repository does not keep: a `--flag`, a
// `worker-gate <command>`, an action input in a `with:` block or a `key: value`,
// an output (`steps.ID.outputs.NAME`, a row of the outputs table, a list item
// led by **Outputs**, "the `NAME` output"), a relative link (and its #anchor) or
// a repository path that does not exist. Pure: what exists comes in as `Known`, so a test can feed a page
// with a broken promise and see it named.
import path from 'node:path';
import { parse } from 'yaml';

export interface Known {
  /** The CLI's commands (`worker-gate --help`). */
  commands: ReadonlySet<string>;
  /** Each command's long flags, `--no-…` included. */
  flags: ReadonlyMap<string, ReadonlySet<string>>;
  /** Flags every command takes (`--help`, `--version`). */
  globalFlags: ReadonlySet<string>;
  inputs: ReadonlySet<string>;
  outputs: ReadonlySet<string>;
  configKeys: ReadonlySet<string>;
  /** The values an option takes, by input name, where they are a closed set (enums, booleans). */
  choices: ReadonlyMap<string, readonly string[]>;
  /** The option a flag sets, by flag (`--build-arg` → `build-args`). */
  optionOfFlag: ReadonlyMap<string, string>;
  /** The repository's top-level folders: a path that starts with one is a promise. */
  topLevelDirs: ReadonlySet<string>;
  /** Whether a repository path (relative, `/`-separated) exists. */
  exists(repoPath: string): boolean;
  /** A Markdown file's text, for its anchors; undefined when it is not there. */
  read(repoPath: string): string | undefined;
}

export type PromiseKind = 'command' | 'flag' | 'input' | 'output' | 'config-key' | 'link' | 'path';

export interface Broken {
  /** `README.md:57`. */
  where: string;
  kind: PromiseKind;
  /** What the page says, as it says it. */
  promise: string;
  why: string;
}

export interface Checked {
  broken: Broken[];
  /** How many promises of each kind were checked: a page whose count drops to 0 was not read. */
  counts: Record<PromiseKind, number>;
}

/**
 * Keys that appear as `key: value` in prose but belong to another tool, and why,
 * so they are not taken for worker-gate's inputs.
 */
export const FOREIGN_KEYS: ReadonlyMap<string, string> = new Map([
  ['uses', "a workflow step's action"],
  ['load', "docker/build-push-action's input"],
  ['fetch-depth', "actions/checkout's input"],
  ['pull-requests', "a workflow's permission"],
]);

/** An action step that is worker-gate: the published action, or a checkout of it used with `./`. */
const OUR_ACTION = /^(?:worker-gate\/worker-gate@|\.\/)/;
/** The ways the docs run the CLI; what follows is the command and its arguments. */
const INVOCATION =
  /(?:^|[\s;&|(])(?:npx[ \t]+(?:\.\/worker-gate-[\d.]+\.tgz|worker-gate)|node[ \t]+dist\/cli\.js|worker-gate)(?=[ \t]|$)(.*)$/;
const LONG_FLAG = /(?<![\w-])--[a-z][a-z0-9-]*(?![\w-])/g;
const LANGS_OF_SHELL = new Set(['sh', 'bash', 'shell', 'console']);

interface Block {
  lang: string;
  /** 1-based line of the block's first content line. */
  line: number;
  lines: string[];
}

interface Page {
  blocks: Block[];
  /** The page with every fenced block blanked out (same line count). */
  prose: string;
}

function splitPage(text: string): Page {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  const prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```\s*([\w-]*)\s*$/.exec(lines[i] ?? '');
    if (!open) {
      prose.push(lines[i] ?? '');
      continue;
    }
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? '')) end++;
    blocks.push({ lang: open[1] ?? '', line: i + 2, lines: lines.slice(i + 1, end) });
    for (let k = i; k <= end && k < lines.length; k++) prose.push('');
    i = end;
  }
  return { blocks, prose: prose.join('\n') };
}

interface Span {
  text: string;
  /** Offset in the prose. */
  at: number;
  length: number;
}

/** Inline code spans, never across a blank line; a table cell's `\|` is a `|`. */
function codeSpans(prose: string): Span[] {
  const spans: Span[] = [];
  for (const m of prose.matchAll(/(`+)([\s\S]+?)\1(?!`)/g)) {
    const body = m[2] ?? '';
    if (/\n\s*\n/.test(body)) continue;
    spans.push({
      text: body.replace(/\\\|/g, '|').replace(/\s+/g, ' ').trim(),
      at: m.index,
      length: m[0].length,
    });
  }
  return spans;
}

/** GitHub's heading anchors (github-slugger): lower case, punctuation dropped, spaces to dashes, repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of splitPage(markdown).prose.split('\n')) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = (heading[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  }
  return found;
}

/** A token that names a path inside this repository (its first folder is one of ours). */
function repoPath(token: string, known: Known): string | undefined {
  const bare = token.replace(/^[(["'`]+|[)\]"'`,;:.]+$/g, '').replace(/^\.\//, '');
  if (!/^\.?[\w.-]+\/[\w.@/-]*$/.test(bare) || bare.includes('..')) return undefined;
  const first = bare.split('/')[0] ?? '';
  return known.topLevelDirs.has(first) ? bare.replace(/\/$/, '') : undefined;
}

export function checkPage(file: string, text: string, known: Known): Checked {
  const broken: Broken[] = [];
  const counts: Record<PromiseKind, number> = {
    command: 0,
    flag: 0,
    input: 0,
    output: 0,
    'config-key': 0,
    link: 0,
    path: 0,
  };
  const page = splitPage(text);
  const lineAt = (offset: number) => page.prose.slice(0, offset).split('\n').length;
  const promise = (line: number, kind: PromiseKind, said: string, why: string | undefined) => {
    counts[kind]++;
    if (why !== undefined) broken.push({ where: `${file}:${line}`, kind, promise: said, why });
  };

  const allFlags = new Set(known.globalFlags);
  for (const flags of known.flags.values()) for (const f of flags) allFlags.add(f);
  const checkFlag = (line: number, flag: string, command: string | undefined) => {
    const ok = command === undefined ? allFlags : known.flags.get(command);
    const of = command === undefined ? 'worker-gate' : `worker-gate ${command}`;
    promise(
      line,
      'flag',
      flag,
      ok?.has(flag) || known.globalFlags.has(flag) ? undefined : `${of} has no flag ${flag}`,
    );
  };
  const checkValue = (line: number, option: string, value: string, said: string) => {
    const choices = known.choices.get(option);
    // A placeholder (`MODE`, `<x>`), an expression or a synopsis's `a|b` is not a value.
    if (!choices || /^[A-Z_<[]/.test(value) || value.includes('${{') || value.includes('|')) return;
    if (!choices.includes(value))
      broken.push({
        where: `${file}:${line}`,
        kind: known.inputs.has(option) ? 'input' : 'config-key',
        promise: said,
        why: `${option} takes ${choices.join(', ')}, not ${value}`,
      });
  };

  /** A command line that runs the CLI: its command exists and takes every flag (and enum value) given. */
  const checkInvocation = (line: number, source: string): boolean => {
    const m = INVOCATION.exec(source);
    if (!m) return false;
    if (/(?:^|\s)node[ \t]+dist\/cli\.js/.test(source)) checkPath(line, 'dist/cli.js');
    const words: string[] = [];
    // A synopsis's `|` separates alternatives, so only these end the command.
    for (const word of (m[1] ?? '').trim().split(/\s+/)) {
      if (word === '') continue;
      if (word.startsWith('#') || ['&&', '||', ';'].includes(word)) break;
      words.push(word);
    }
    const first = words[0];
    let command: string | undefined;
    if (first !== undefined && /^[a-z][\w-]*$/.test(first)) {
      command = first;
      promise(
        line,
        'command',
        `worker-gate ${first}`,
        known.commands.has(first) ? undefined : `the CLI has no command ${first}`,
      );
      if (!known.commands.has(first)) return true;
    }
    checkArguments(line, words.slice(command === undefined ? 0 : 1), command);
    return true;
  };

  /** Every flag among the words is the command's (any command's, without one); an enum flag's value is one of its values. */
  const checkArguments = (line: number, words: readonly string[], command: string | undefined) => {
    words.forEach((word, i) => {
      for (const flag of word.match(LONG_FLAG) ?? []) checkFlag(line, flag, command);
      const option = known.optionOfFlag.get(word);
      const value = words[i + 1];
      if (option && value !== undefined && !value.startsWith('-'))
        checkValue(line, option, value, `${word} ${value}`);
    });
  };

  // Fenced blocks.
  for (const block of page.blocks) {
    if (block.lang === 'yaml' || block.lang === 'yml') checkYaml(block);
    if (block.lang === 'json') continue;
    // A shell line continued with `\` is one command.
    const logical: { line: number; text: string }[] = [];
    block.lines.forEach((text, i) => {
      const last = logical.at(-1);
      if (last?.text.endsWith('\\')) last.text = `${last.text.slice(0, -1)} ${text.trim()}`;
      else logical.push({ line: block.line + i, text });
    });
    for (const { line, text: source } of logical) {
      if (checkInvocation(line, source)) continue;
      if (block.lang === 'yaml' || block.lang === 'yml') continue;
      const shell = LANGS_OF_SHELL.has(block.lang);
      const words = source
        .replace(/\s#.*$/, '')
        .trim()
        .split(/\s+/);
      if (shell) {
        // Other programs' flags are theirs; their scripts and arguments that are our files must exist.
        const program = words.find((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w)) ?? '';
        const args = ['bash', 'sh', 'node'].includes(program) ? words.slice(words.indexOf(program) + 1) : [];
        for (const word of [program, ...args]) checkPath(line, word);
      } else {
        // A synopsis or a listing: its flags are worker-gate's, its paths ours.
        for (const flag of source.match(LONG_FLAG) ?? []) checkFlag(line, flag, undefined);
        for (const word of words) checkPath(line, word);
      }
    }
  }

  // Inline code.
  for (const span of codeSpans(page.prose)) {
    const line = lineAt(span.at);
    if (checkInvocation(line, span.text)) continue;
    if (span.text.startsWith('--')) {
      checkArguments(line, span.text.split(' '), undefined);
      continue;
    }
    const pair = /^([a-z][a-z0-9-]*): ([^\s"']\S*)$/.exec(span.text);
    if (pair && !FOREIGN_KEYS.has(pair[1] ?? '')) {
      const [, key = '', value = ''] = pair;
      promise(
        line,
        'input',
        span.text,
        known.inputs.has(key) || known.configKeys.has(key)
          ? undefined
          : `${key} is neither an action input nor a config key`,
      );
      checkValue(line, key, value, span.text);
      continue;
    }
    for (const word of span.text.split(' ')) checkPath(line, word);
  }

  // `the report-path output`, `the keep input`.
  for (const m of page.prose.matchAll(/`([a-z][a-z0-9-]*)` (input|output)s?\b/g)) {
    const [said, name = '', what] = m;
    const line = lineAt(m.index);
    if (what === 'input')
      promise(line, 'input', said, known.inputs.has(name) ? undefined : `action.yml has no input ${name}`);
    else
      promise(line, 'output', said, known.outputs.has(name) ? undefined : `action.yml has no output ${name}`);
  }

  // A list item led by **Outputs** (or **Inputs**) names outputs (inputs) in every code span it holds.
  for (const m of page.prose.matchAll(/^- \*\*(?:action )?(inputs|outputs)\*\*(.*(?:\n(?!- |\s*$).*)*)/gim)) {
    const [, which = '', body = ''] = m;
    const kind = which.toLowerCase() === 'inputs' ? 'input' : 'output';
    const set = kind === 'input' ? known.inputs : known.outputs;
    const start = m.index + m[0].length - body.length;
    for (const span of codeSpans(body)) {
      if (!/^[a-z][a-z0-9-]*$/.test(span.text)) continue;
      promise(
        lineAt(start + span.at),
        kind,
        span.text,
        set.has(span.text) ? undefined : `action.yml has no ${kind} ${span.text}`,
      );
    }
  }

  // steps.<id>.outputs.<name>, anywhere.
  text.split('\n').forEach((source, i) => {
    for (const m of source.matchAll(/steps\.[\w-]+\.outputs\.([\w-]+)/g))
      promise(
        i + 1,
        'output',
        m[0],
        known.outputs.has(m[1] ?? '') ? undefined : `action.yml has no output ${m[1]}`,
      );
  });

  // The generated tables: each row names an input or an output.
  for (const [section, set, kind] of [
    ['inputs', known.inputs, 'input'],
    ['outputs', known.outputs, 'output'],
  ] as const) {
    const from = page.prose.indexOf(`<!-- ${section}:start -->`);
    const to = page.prose.indexOf(`<!-- ${section}:end -->`);
    if (from < 0 || to < from) continue;
    for (const m of page.prose.slice(from, to).matchAll(/^\| `([^`]+)` \|/gm)) {
      const name = m[1] ?? '';
      promise(
        lineAt(from + m.index),
        kind,
        name,
        set.has(name) ? undefined : `action.yml has no ${kind} ${name}`,
      );
    }
  }

  // Relative links and their anchors.
  let linkable = page.prose;
  for (const span of codeSpans(page.prose))
    linkable = linkable.slice(0, span.at) + ' '.repeat(span.length) + linkable.slice(span.at + span.length);
  for (const m of linkable.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const target = m[1] ?? '';
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
    const line = lineAt(m.index);
    const [file_, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved =
      file_ === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), file_));
    if (resolved.startsWith('..') || !known.exists(resolved)) {
      promise(line, 'link', target, `${resolved} does not exist`);
      continue;
    }
    if (anchor === undefined || !resolved.endsWith('.md')) {
      promise(line, 'link', target, undefined);
      continue;
    }
    const there = anchors(known.read(resolved) ?? '');
    promise(line, 'link', target, there.has(anchor) ? undefined : `${resolved} has no heading #${anchor}`);
  }

  return { broken, counts };

  function checkPath(line: number, word: string): void {
    const named = repoPath(word, known);
    if (named === undefined) return;
    promise(line, 'path', named, known.exists(named) ? undefined : `${named} does not exist`);
  }

  /** Our action's `with:` keys are inputs; a `# .worker-gate.yml` block's keys are config keys. */
  function checkYaml(block: Block): void {
    const indent = Math.min(
      ...block.lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
    );
    const source = block.lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
    let doc: unknown;
    try {
      doc = parse(source);
    } catch (err) {
      broken.push({
        where: `${file}:${block.line}`,
        kind: 'input',
        promise: 'a YAML example',
        why: `not valid YAML: ${(err as Error).message.split('\n')[0]}`,
      });
      return;
    }
    if (block.lines[0]?.trim() === '# .worker-gate.yml' && isRecord(doc)) {
      for (const [key, value] of Object.entries(doc)) {
        const line = block.line + block.lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
        promise(
          line,
          'config-key',
          key,
          known.configKeys.has(key) ? undefined : `${key} is not a config key`,
        );
        if (typeof value === 'string' || typeof value === 'boolean')
          checkValue(line, key, String(value), `${key}: ${value}`);
      }
    }
    walk(doc, (step) => {
      if (typeof step.uses !== 'string' || !OUR_ACTION.test(step.uses) || !isRecord(step.with)) return;
      for (const [key, value] of Object.entries(step.with)) {
        const at = block.lines.findIndex((l) => new RegExp(`^\\s*${key}:`).test(l));
        const line = block.line + Math.max(at, 0);
        promise(line, 'input', key, known.inputs.has(key) ? undefined : `action.yml has no input ${key}`);
        if (typeof value === 'string' || typeof value === 'boolean')
          checkValue(line, key, String(value), `${key}: ${value}`);
      }
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (isRecord(value)) {
    visit(value);
    for (const item of Object.values(value)) walk(item, visit);
  }
}
