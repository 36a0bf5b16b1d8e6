// The shell text a Makefile hands to the shell, read without running make:
// each recipe line (tab-indented under a rule, `\` continuations joined, its
// `@`/`-`/`+` prefixes dropped), each `$(shell …)` and `X != …`, with the line
// it starts on. Make's own references are expanded where the Makefile defines them as
// plain text (`RUFF ?= ruff` makes `$(RUFF) check` a call of ruff); any other
// reference becomes a placeholder word, so `$(VENV)/bin/ruff` stays a path.
// `define` blocks (canned recipes) are not read.

export interface ShellText {
  text: string;
  /** 1-based line of the Makefile the text starts on. */
  line: number;
}

/** Stands in for a make reference that is not plain text: a word no command is called. */
const PLACEHOLDER = '_';
const ASSIGNMENT =
  /^(?:(?:export|override)\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(::?=|:::=|\?=|\+=|!=|=)\s*(.*)$/s;
const DIRECTIVE = /^(?:ifeq|ifneq|ifdef|ifndef|else|endif|-?include|sinclude|vpath|unexport|undefine)\b/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const MAX_DEPTH = 8;

export function makefileShellTexts(makefile: string): ShellText[] {
  const lines = makefile.split('\n').map((l) => l.replace(/\r$/, ''));
  const variables = new Map<string, string>();
  const found: ShellText[] = [];
  let inRule = false;
  let inDefine = false;
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    if (inDefine) {
      if (/^\s*endef\b/.test(lines[i] as string)) inDefine = false;
      continue;
    }
    if (inRule && lines[i]?.startsWith('\t')) {
      const parts = [(lines[i] as string).slice(1)];
      while (/\\$/.test(parts[parts.length - 1] as string) && i + 1 < lines.length) {
        i++;
        parts.push((lines[i] as string).replace(/^\t/, ''));
      }
      const recipe = parts.join('\n').replace(/^[@+\-\s]+/, '');
      const expanded = expand(recipe, first + 1, variables, 0);
      found.push({ text: expanded.text, line: first + 1 }, ...expanded.shells);
      continue;
    }
    let logical = lines[i] as string;
    while (logical.endsWith('\\') && i + 1 < lines.length) {
      i++;
      logical = `${logical.slice(0, -1)} ${(lines[i] as string).trim()}`;
    }
    const text = stripComment(logical).trim();
    // Blank lines, comments and conditionals do not end a rule.
    if (text === '' || DIRECTIVE.test(text)) continue;
    if (/^(?:(?:export|override)\s+)*define\b/.test(text)) {
      inDefine = true;
      inRule = false;
      continue;
    }
    const assignment = ASSIGNMENT.exec(text);
    if (assignment) {
      const [, name = '', op, value = ''] = assignment;
      variables.set(name, op === '+=' ? `${variables.get(name) ?? ''} ${value}`.trim() : value);
      // `X != command` runs its value in the shell, as `$(shell …)` does.
      const expanded = expand(value, first + 1, variables, 0);
      if (op === '!=') found.push({ text: expanded.text, line: first + 1 });
      found.push(...expanded.shells);
      inRule = false;
      continue;
    }
    const colon = text.indexOf(':');
    inRule = colon > 0;
    if (!inRule) continue;
    // `target: prerequisites ; recipe` carries its first recipe line inline.
    const semicolon = text.indexOf(';', colon);
    found.push(
      ...expand(text.slice(colon + 1, semicolon < 0 ? undefined : semicolon), first + 1, variables, 0).shells,
    );
    if (semicolon >= 0) {
      const expanded = expand(text.slice(semicolon + 1).replace(/^[@+\-\s]+/, ''), first + 1, variables, 0);
      found.push({ text: expanded.text, line: first + 1 }, ...expanded.shells);
    }
  }
  return found;
}

/** A make line without its comment (`#` outside a reference, not escaped). */
function stripComment(line: string): string {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      depth++;
      i++;
    } else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === '#' && depth === 0) return line.slice(0, i);
  }
  return line;
}

/** The index of the bracket that closes the one at `open`, or the text's end. */
function closing(text: string, open: number): number {
  const o = text[open];
  const c = o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i;
  }
  return text.length;
}

/**
 * Make's expansion of `text`, as far as it is plain text: `$$` → `$`, a
 * variable the Makefile defines → its value, anything else → the placeholder
 * (with the line breaks it spanned, kept as continuations). `$(shell …)` bodies
 * are returned apart, with their lines: make runs them too.
 */
function expand(
  text: string,
  line: number,
  variables: ReadonlyMap<string, string>,
  depth: number,
): { text: string; shells: ShellText[] } {
  let out = '';
  const shells: ShellText[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next !== '(' && next !== '{') {
      out += PLACEHOLDER;
      i++;
      continue;
    }
    const end = closing(text, i + 1);
    const inner = text.slice(i + 2, end);
    const at = line + lineBreaks(text.slice(0, i));
    const value = VARIABLE_NAME.test(inner) && depth < MAX_DEPTH ? variables.get(inner) : undefined;
    if (value !== undefined && !value.includes('\n')) {
      const expanded = expand(value, at, variables, depth + 1);
      out += expanded.text;
    } else {
      const shell = /^shell\s([\s\S]*)$/.exec(inner);
      if (shell && depth < MAX_DEPTH) shells.push(...shellTexts(shell[1] as string, at, variables, depth));
      out += PLACEHOLDER + '\\\n'.repeat(lineBreaks(inner));
    }
    i = end;
  }
  return { text: out, shells };
}

/** A `$(shell …)` body, expanded in turn (its own `$(shell …)`s included). */
function shellTexts(
  body: string,
  line: number,
  variables: ReadonlyMap<string, string>,
  depth: number,
): ShellText[] {
  const expanded = expand(body, line, variables, depth + 1);
  return [{ text: expanded.text, line }, ...expanded.shells];
}

function lineBreaks(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return n;
}
