// Whether the builder can read named build contexts (`--build-context NAME=PATH`,
// then `COPY --from=NAME`). They came with the Dockerfile frontend 1.4, built
// into BuildKit 0.10 (Docker 23); Docker 20.10's built-in BuildKit is v0.8 and
// fails the build with "unsupported frontend capability", so the run refuses
// them before anything starts, saying which BuildKit the engine has.

/** The lowest BuildKit whose built-in Dockerfile frontend reads named contexts. */
const NAMED_CONTEXTS = [0, 10] as const;

/** `v0.8+unknown`, `v0.12.5` → [0, 8], [0, 12]; undefined when it names no version. */
function majorMinor(version: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The refusal, naming the input as spelled; the text is shared with the build's own fallback. */
export function buildContextsRefusal(spelled: string, buildkit: string | undefined): string {
  const which = buildkit
    ? `this engine's builder runs BuildKit ${buildkit}`
    : "the engine's built-in BuildKit is older";
  return `${spelled} needs BuildKit 0.10 or later (Dockerfile frontend 1.4; Docker 23 or later), and ${which}: leave ${spelled} out (COPY --from a stage or an image instead), build on Docker 23 or later, or create a builder that reads them (docker buildx create --use --driver docker-container)`;
}

/** One line when the builder's BuildKit predates named contexts; none when it is new enough or says no version. */
export function buildContextsProblem(
  contexts: Readonly<Record<string, string>>,
  builder: { buildkitVersion?: string },
  spelled: string,
): string | undefined {
  if (Object.keys(contexts).length === 0 || !builder.buildkitVersion) return undefined;
  const version = majorMinor(builder.buildkitVersion);
  if (!version) return undefined;
  const [major, minor] = version;
  const newEnough = major > NAMED_CONTEXTS[0] || (major === NAMED_CONTEXTS[0] && minor >= NAMED_CONTEXTS[1]);
  return newEnough ? undefined : buildContextsRefusal(spelled, builder.buildkitVersion);
}
