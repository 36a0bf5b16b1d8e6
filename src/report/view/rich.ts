// Text with inline code in it, for the renderers to mark up each in their own
// syntax: a Markdown code span, an HTML <code>.
export type Rich = (string | { code: string })[];

/** Backtick-quoted spans on one line (`make setup`): the code inside prose the stages write. */
const QUOTED_CODE = /`([^`\n]+)`/g;

/** Prose with its `quoted` spans as code: the spans as Rich code parts, the rest as text. */
export function quotedCode(text: string): Rich {
  const rich: Rich = [];
  let at = 0;
  for (const match of text.matchAll(QUOTED_CODE)) {
    if (match.index > at) rich.push(text.slice(at, match.index));
    rich.push({ code: match[1] ?? '' });
    at = match.index + match[0].length;
  }
  if (at < text.length) rich.push(text.slice(at));
  return rich;
}
