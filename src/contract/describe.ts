// The short human form of a layer that checks talk about: its instruction
// with its Dockerfile line.
import { instructionOf, MESSAGE_FORM } from '../model/layers/history.js';
import type { Finding, Layer } from '../model/report.js';
import { truncate } from '../model/text.js';

/** Long enough for a whole `pip install` line, short enough for a message. */
const MAX_INSTRUCTION = 120;

export function describeLayer(layer: Layer | NonNullable<Finding['layer']>, dockerfile?: string): string {
  const where = layer.dockerfileLine ? ` at ${dockerfile ?? 'Dockerfile'}:${layer.dockerfileLine}` : '';
  const instruction = truncate(instructionOf(layer.createdBy, MESSAGE_FORM), MAX_INSTRUCTION, {
    tidy: false,
  });
  return `\`${instruction}\`${where}`;
}
