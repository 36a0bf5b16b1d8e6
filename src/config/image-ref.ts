/**
 * Docker's image reference grammar (github.com/distribution/reference), so a
 * bad `tag` or `image` is refused before a build starts instead of failing
 * half-way with the engine's words:
 *
 *   reference := [host[:port]/]path[:tag][@digest]
 *   path      := component('/'component)*, component := [a-z0-9]+ (separator [a-z0-9]+)*
 *   separator := '.' | '_' | '__' | '-'+
 *   tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest    := sha256:<64 hex>
 *
 * The first component is the registry when it has a '.' or a ':' or is
 * `localhost` (the same rule the docker CLI applies).
 */

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_PART = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const IMAGE_ID = /^sha256:[a-f0-9]{64}$/;
const MAX_NAME = 255;

export const IMAGE_REF_EXPECTED =
  'an image reference [registry[:port]/]name[:tag] with a lowercase name (letters, digits, separators . _ __ -)';

function hostProblem(host: string): string | undefined {
  const [name = '', port, ...more] = host.split(':');
  if (more.length > 0 || (port !== undefined && !/^\d+$/.test(port)))
    return `the registry "${host}" has a bad port`;
  if (!name.split('.').every((part) => HOST_PART.test(part)))
    return `the registry "${host}" is not a host name`;
  return undefined;
}

/**
 * Why `value` is not a reference, or undefined when it is one. `digest`: an
 * `@sha256:…` suffix is allowed (`image`), not for a tag to build under.
 */
export function imageRefProblem(value: string, options: { digest: boolean }): string | undefined {
  let rest = value;
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (!options.digest) return 'a tag to build under takes no @digest';
    if (!DIGEST.test(rest.slice(at + 1))) return 'a digest is @sha256: and 64 lowercase hex digits';
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    const tag = rest.slice(colon + 1);
    if (!TAG.test(tag))
      return `the tag "${tag}" is not 1-128 of letters, digits, _ . - starting with a letter, digit or _`;
    rest = rest.slice(0, colon);
  }
  if (rest.length === 0) return 'it has no name';
  if (rest.length > MAX_NAME) return `the name is longer than ${MAX_NAME} characters`;
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    const problem = hostProblem(first);
    if (problem) return problem;
    parts.shift();
  }
  const bad = parts.find((part) => !COMPONENT.test(part));
  if (bad === undefined) return undefined;
  if (COMPONENT.test(bad.toLowerCase())) return `"${bad}" has capitals: image names are lowercase`;
  return `"${bad}" is not a name component (lowercase letters and digits, with . _ __ - between them)`;
}

/** An image the engine has, by reference, by id (`sha256:` and 64 hex) or by a hex id prefix. */
export function imageProblem(value: string): string | undefined {
  return IMAGE_ID.test(value) ? undefined : imageRefProblem(value, { digest: true });
}
