// Whether the builder can build for the one platform asked for. A foreign
// platform needs an emulator for its RUN steps and its base image for that
// platform; without them BuildKit fails deep in the build (here: looking the
// base image up in a registry), so the run refuses it before anything starts.

/** `linux/arm64` matches `linux/arm64` and `linux/arm64/v8`; `linux/arm/v7` matches only itself. */
function builds(listed: string, asked: string): boolean {
  const [os, arch, variant] = asked.toLowerCase().split('/');
  const [los, larch, lvariant] = listed.toLowerCase().split('/');
  return os === los && arch === larch && (variant === undefined || variant === lvariant);
}

/** One line when the builder cannot build for `platform`, naming it as spelled, the builder's platforms and what to do. */
export function platformProblem(
  platform: string,
  builder: { driver: string; platforms: readonly string[] },
  spelled: string,
): string | undefined {
  // A builder that lists nothing (an older buildx) is not second-guessed.
  if (builder.platforms.length === 0 || builder.platforms.some((p) => builds(p, platform))) return undefined;
  return `${spelled} ${platform}: the builder (driver ${builder.driver}) builds only for ${builder.platforms.join(', ')} here; install an emulator for it (Debian's qemu-user-static, or docker run --privileged tonistiigi/binfmt --install all) until docker buildx inspect lists ${platform}, or build for ${builder.platforms[0]}`;
}
