// Safe pieces of GitHub-flavoured Markdown: text from images, logs and users
// must never turn into markup (a `|` ending a table cell, a `<reason>` read as
// an HTML tag, a backtick run closing a code block early).
import { quotedCode, type Rich } from './view/rich.js';

/** Plain text, shown as is. */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** An inline code span that holds any text, backticks included; safe inside a table cell. */
export function mdCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block that no line of the content can close. */
export function mdFence(text: string, info = 'text'): string {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

export function mdTable(head: string[], rows: string[][], align?: ('l' | 'r' | 'c')[]): string {
  const rule = head.map((_, i) => {
    const a = align?.[i] ?? 'l';
    return a === 'r' ? '---:' : a === 'c' ? ':---:' : '---';
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(rule), ...rows.map(line)].join('\n');
}

/** Content of a <details> block: GitHub renders Markdown inside it after a blank line. */
export function mdDetails(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Text with inline code in it. */
export function mdRich(rich: Rich): string {
  return rich.map((part) => (typeof part === 'string' ? mdText(part) : mdCode(part.code))).join('');
}

/** Prose whose `quoted` spans render as code spans, the rest as plain text. */
export function mdProse(text: string): string {
  return mdRich(quotedCode(text));
}
