// The speed-up advice try-fixes can apply and measure (src/e2e/fixes/), by the
// kinds the profile names its advice (src/e2e/profile/speedups.ts); `all` asks for each.

export const FIX_KINDS = [
  'layout',
  'local-rebuilds',
  'editable-rebuilds',
  'link-mode',
  'compile-bytecode',
] as const;

export type FixKind = (typeof FIX_KINDS)[number];

/** What try-fix accepts: a kind, or all of them. */
export const TRY_FIX_CHOICES = [...FIX_KINDS, 'all'] as const;

export type TryFix = (typeof TRY_FIX_CHOICES)[number];

/** The kinds a try-fixes list asks for, `all` spelled out. */
export function askedKinds(tryFixes: readonly TryFix[]): Set<FixKind> {
  return new Set(tryFixes.includes('all') ? FIX_KINDS : (tryFixes as FixKind[]));
}
