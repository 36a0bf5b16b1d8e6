// Short human forms of the things checks talk about: the instruction behind a
// history entry, a layer with its Dockerfile line, a list of names.
import type { Finding, Layer } from '../report/types.js';

/**
 * The instruction as written, from the engine's `created_by`: `/bin/sh -c #(nop)  COPY ...`
 * → `COPY ...`, `|2 A=1 B=2 /bin/sh -c pip install x` → `RUN pip install x`.
 */
export function instructionOf(createdBy: string, max = 120): string {
  let text = createdBy.trim();
  if (text === '') return '(no instruction recorded: an imported layer)';
  const nop = /#\(nop\)\s*(.*)$/s.exec(text);
  if (nop) text = nop[1] ?? '';
  else {
    text = text.replace(/^\|\d+\s+(?:\S+=\S*\s+)*/, '');
    text = `RUN ${text.replace(/^\/bin\/sh -c\s+/, '')}`;
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function describeLayer(layer: Layer | NonNullable<Finding['layer']>, dockerfile?: string): string {
  const where = layer.dockerfileLine ? ` at ${dockerfile ?? 'Dockerfile'}:${layer.dockerfileLine}` : '';
  return `\`${instructionOf(layer.createdBy)}\`${where}`;
}

/** `a`, `a and b`, `a, b and c` */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
