// What a run id looks like (`wg-<time in base 36>-<6 hex>`, made by newRunId in
// src/docker/labels.ts): `clean --run` takes one, and the folders of baseline
// worktrees carry one. Low, because the option table and the stages both read it.
export const RUN_ID_PATTERN = 'wg-[a-z0-9]+-[0-9a-f]+';
export const RUN_ID_EXAMPLE = 'wg-m1abc2-3f9e01';
