// A build secret as buildx takes it, `id=NAME,src=FILE` or `id=NAME,env=VARIABLE`:
// the value stays in a file or a variable, where the redactor reads it before the
// build. build-push-action's raw `NAME=VALUE` form is refused: it would put the
// secret into the workflow file or the config file.
import { ValueError } from '../model/errors.js';

export interface BuildSecret {
  readonly id: string;
  readonly src?: string;
  readonly env?: string;
}

export const SECRET_EXPECTED =
  'id=NAME,src=FILE or id=NAME,env=VARIABLE (a raw NAME=VALUE would put the secret itself in the workflow or config file: put it in a file or an environment variable)';

export function parseBuildSecret(text: string): BuildSecret {
  const fields = new Map<string, string>();
  for (const part of text.trim().split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) throw new ValueError(SECRET_EXPECTED);
    fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const id = fields.get('id');
  const src = fields.get('src');
  const env = fields.get('env');
  const known = [...fields.keys()].every((key) => key === 'id' || key === 'src' || key === 'env');
  if (!id || !known || (src === undefined) === (env === undefined) || src === '' || env === '') {
    throw new ValueError(SECRET_EXPECTED);
  }
  return src !== undefined ? { id, src } : { id, env: env ?? '' };
}

export function secretText(secret: BuildSecret): string {
  return secret.src !== undefined ? `id=${secret.id},src=${secret.src}` : `id=${secret.id},env=${secret.env}`;
}
