// Short human forms of the things checks talk about: a layer with its
// Dockerfile line, a list of names.
import { instructionOf, MESSAGE_FORM } from '../build/history.js';
import type { Finding, Layer } from '../report/types.js';
import { truncate } from '../text.js';

/** Long enough for a whole `pip install` line, short enough for a message. */
const MAX_INSTRUCTION = 120;

export function describeLayer(layer: Layer | NonNullable<Finding['layer']>, dockerfile?: string): string {
  const where = layer.dockerfileLine ? ` at ${dockerfile ?? 'Dockerfile'}:${layer.dockerfileLine}` : '';
  const instruction = truncate(instructionOf(layer.createdBy, MESSAGE_FORM), MAX_INSTRUCTION, {
    tidy: false,
  });
  return `\`${instruction}\`${where}`;
}

/** `a`, `a and b`, `a, b and c` */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
