// Which BuildKit caches a builder can write. The engine's own builder (buildx's
// `docker` driver, what `docker buildx build` uses unless told otherwise) exports
// only the inline cache, carried in the image; registry, gha and local exports
// need a builder of another driver (docker-container, remote, kubernetes).

/** The type of a `type=…,…` cache spec. */
export function cacheType(spec: string): string {
  return /^type=([^,]+)/.exec(spec)?.[1] ?? '';
}

/** One line per cache-to the builder's driver cannot write, naming it as spelled (`--cache-to`, `cache-to input`), the driver and what to do. */
export function cacheExportProblems(cacheTo: readonly string[], driver: string, spelled: string): string[] {
  if (driver !== 'docker') return [];
  return cacheTo
    .filter((spec) => cacheType(spec) !== 'inline')
    .map(
      (spec) =>
        `${spelled} ${spec}: the builder's driver, docker, cannot export a ${cacheType(spec)} cache (only type=inline); create a builder that can (docker buildx create --use --driver docker-container) or write type=inline`,
    );
}
