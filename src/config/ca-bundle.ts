// The CA bundle the workers trust, read once here: config hands its bytes to
// the e2e, so a bad bundle is an input error before any work starts, and the
// file the e2e uses is the one that was checked.
import { resolve } from 'node:path';
import type { Command } from '../model/command.js';
import { isMissing, type ReadFile, readFailure } from './file.js';
import { type OptionName, type ResolvedValues, specNamed } from './options.js';
import { inputLabel, invalid, type Problem, type Source } from './validate.js';

const PEM_MARKER = '-----BEGIN CERTIFICATE-----';
const PEM_EXPECTED = `a PEM CA bundle holding at least one "${PEM_MARKER}" block`;

export interface CaBundle {
  /** SSL_CERT_FILE, absolute, when it stands in for an unset ca-bundle. */
  readonly fromHost?: string;
  /** The bundle's bytes, for the commands that start workers. */
  readonly pem?: Buffer;
  readonly problems: Problem[];
}

/**
 * The CA bundle the workers get, for the commands that start workers: the one
 * given, which must be a readable PEM file, else the host's SSL_CERT_FILE when
 * that file exists (then it must be PEM too: a broken bundle would only
 * resurface as a TLS failure deep inside a worker). Other commands read none.
 */
export function resolveCaBundle(context: {
  command: Command;
  values: ResolvedValues;
  sources: Partial<Record<OptionName, Source>>;
  env: Readonly<Record<string, string | undefined>>;
  readFile: ReadFile;
}): CaBundle {
  const { command, values, sources, env, readFile } = context;
  const spec = specNamed('ca-bundle');
  const given = values['ca-bundle'];
  const source = sources['ca-bundle'];
  if (!spec.commands.includes(command)) return { problems: [] };
  if (given !== undefined && source) {
    const label = inputLabel(spec, source);
    let text: string;
    try {
      text = readFile(given);
    } catch (error) {
      const message = `cannot read ${label} "${given}": ${readFailure(error)}`;
      return { problems: [{ message, input: label, options: ['ca-bundle'] }] };
    }
    if (!text.includes(PEM_MARKER)) return { problems: [invalid(spec, source, given, PEM_EXPECTED)] };
    return { pem: Buffer.from(text), problems: [] };
  }
  const host = env.SSL_CERT_FILE;
  if (!host) return { problems: [] };
  const where = `SSL_CERT_FILE "${host}" (the default ${inputLabel(spec, { door: 'cli' })})`;
  let text: string;
  try {
    text = readFile(host);
  } catch (error) {
    // Not there (or not a file): no default bundle, as when SSL_CERT_FILE is unset.
    const code = (error as NodeJS.ErrnoException).code;
    if (isMissing(error) || code === 'EISDIR') return { problems: [] };
    return {
      problems: [{ message: `cannot read ${where}: ${readFailure(error)}`, input: 'SSL_CERT_FILE' }],
    };
  }
  if (!text.includes(PEM_MARKER)) {
    return { problems: [{ message: `invalid ${where}: expected ${PEM_EXPECTED}`, input: 'SSL_CERT_FILE' }] };
  }
  return { fromHost: resolve(host), pem: Buffer.from(text), problems: [] };
}
