// pinned-images: every image the Dockerfile builds from or copies from names
// an exact tag or a digest. `latest` or no tag moves under you; reported as a
// warning, a failure with require-pinned-images.
import { type ImageReference, referencedImages } from '../build/dockerfile.js';
import { isSkipped } from '../model/checks.js';
import type { DockerfileSource } from '../model/facts/contract.js';
import { type DraftCheck, type DraftItem, draftGate } from './draft.js';
import type { GateCheck } from './gate.js';

const CHECK: GateCheck = {
  id: 'pinned-images',
  stage: 'contract',
  off: 'skip',
  remedy:
    'Pin every `FROM` and `COPY --from` image to an exact tag or a digest (e.g. `ghcr.io/astral-sh/uv:0.9.9`, not `latest`), so the image cannot change under you.',
  explain: (config) =>
    `every FROM and COPY --from image pinned (${config.requirePinnedImages ? 'fails' : 'warns'})`,
  // An unpinned image that does not fail the gate (require-pinned-images off) is still worth a warning.
  annotate: 'warnings-too',
};

/** Why a reference is not pinned, or undefined when it is. */
export function unpinnedReason(ref: string): string | undefined {
  if (ref.includes('@')) return undefined;
  // A colon after the last slash is a tag; one before it is a registry port.
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  if (colon < 0) return 'no tag (means latest)';
  const tag = last.slice(colon + 1);
  if (tag === '') return 'an empty tag';
  if (tag === 'latest') return 'the tag latest';
  return undefined;
}

export function pinnedImagesCheck(dockerfile: DockerfileSource, requirePinned: boolean): DraftCheck {
  const { id } = CHECK;
  const refs: ImageReference[] = referencedImages(dockerfile.text, dockerfile.buildArgs);
  const items: DraftItem[] = [];
  for (const ref of refs) {
    const reason = unpinnedReason(ref.ref);
    if (!reason) continue;
    const written = ref.written !== ref.ref ? ` (written ${ref.written})` : '';
    items.push({
      finding: { path: `${dockerfile.path}:${ref.line}` },
      text: `${ref.instruction} ${ref.ref}${written} at line ${ref.line} has ${reason}`,
    });
  }
  if (items.length === 0) {
    return {
      id,
      status: 'pass',
      summary: `all ${refs.length} images the Dockerfile uses carry an exact tag or a digest`,
    };
  }
  const status = requirePinned ? 'fail' : 'warn';
  const advice = requirePinned ? '' : ' (a warning; require-pinned-images makes it fail)';
  const draft: DraftCheck = {
    id,
    status,
    summary: `images the Dockerfile uses are not pinned to an exact tag or digest${advice}`,
    items,
  };
  const line = refs.find((r) => unpinnedReason(r.ref))?.line;
  if (line) draft.line = line;
  return draft;
}

export const PINNED_GATE = draftGate({
  family: 'pinned',
  checks: [CHECK],
  draft(config, { contract }) {
    const { dockerfile } = contract;
    if (!dockerfile || isSkipped(CHECK.id, config.skipChecks)) return [];
    return [pinnedImagesCheck(dockerfile, config.requirePinnedImages)];
  },
});
