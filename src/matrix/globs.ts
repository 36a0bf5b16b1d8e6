// The report files `merge` is given: paths or globs (`cells/*/report.json`,
// `artifacts/**/*.json`), expanded here since the action's `reports` input
// reaches no shell and a quoted glob reaches the CLI whole. `*`, `?` and `[…]`
// match within one path segment, `**` any number of them. Sorted, each file once.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const MAGIC = /[*?[]/;

export function isGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** One segment's pattern as a regular expression. */
function segmentRegex(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i += 1) {
    const c = segment[i] ?? '';
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = segment
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // A leading dot is matched only by a pattern that starts with one, as in a shell.
  return new RegExp(`^${segment.startsWith('.') ? '' : '(?!\\.)'}${out}$`);
}

function entries(dir: string): { name: string; dir: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((e) => ({
      name: e.name,
      dir: e.isDirectory() || (e.isSymbolicLink() && isDir(path.join(dir, e.name))),
    }));
  } catch {
    return [];
  }
}

function isDir(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, segments: readonly string[], found: Set<string>): void {
  const [head, ...rest] = segments;
  if (head === undefined) {
    found.add(dir);
    return;
  }
  if (head === '**') {
    walk(dir, rest, found);
    for (const e of entries(dir))
      if (e.dir && !e.name.startsWith('.')) walk(path.join(dir, e.name), segments, found);
    return;
  }
  if (!isGlob(head)) {
    const next = path.join(dir, head);
    if (rest.length === 0 ? existsAsFile(next) : isDir(next)) walk(next, rest, found);
    return;
  }
  const re = segmentRegex(head);
  for (const e of entries(dir)) {
    if (!re.test(e.name)) continue;
    if (rest.length === 0 ? !e.dir : e.dir) walk(path.join(dir, e.name), rest, found);
  }
}

function existsAsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The files a glob matches, relative to `cwd` when it is relative; none when nothing matches. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const absolute = path.isAbsolute(pattern);
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  const root = absolute ? '/' : cwd;
  const found = new Set<string>();
  walk(root, absolute ? segments.slice(1) : segments.filter((s) => s !== '.'), found);
  return [...found].map((f) => (absolute ? f : path.relative(cwd, f))).sort();
}
