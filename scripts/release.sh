#!/usr/bin/env bash
# Cut a release on this clone, never pushing:
#
#   scripts/release.sh X.Y.Z
#
# From a clean work tree: sets the version in package.json and package-lock.json,
# turns CHANGELOG.md's "## Unreleased" section into "## X.Y.Z — DATE" (with a new
# empty Unreleased above it), rebuilds dist/ (the bundle carries the version),
# commits all of that as "Release vX.Y.Z", tags vX.Y.Z (annotated) and moves the
# major tag vX to the same commit (what `uses: worker-gate/worker-gate@vX` follows).
# Then prints the push command: publishing is a deliberate second step.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
  echo "release: $*" >&2
  exit "${2:-1}"
}

[[ $# -eq 1 ]] || die "usage: scripts/release.sh X.Y.Z" 2
readonly VERSION="$1"
[[ "$VERSION" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]] ||
  die "the version must be X.Y.Z (three numbers, no leading zeros), not \"$VERSION\"" 2
readonly MAJOR="v${BASH_REMATCH[1]}"
readonly TAG="v$VERSION"

[[ -z "$(git status --porcelain)" ]] || die "the work tree has changes; commit or stash them first:
$(git status --short | head -n 10)"
if git rev-parse -q --verify "refs/tags/$TAG" >/dev/null; then
  die "tag $TAG exists already (at $(git rev-parse --short "$TAG^{commit}")); pick the next version"
fi
grep -q '^## Unreleased$' CHANGELOG.md || die "CHANGELOG.md has no \"## Unreleased\" section to release"

npm version "$VERSION" --no-git-tag-version --allow-same-version >/dev/null ||
  die "npm version $VERSION failed"

today="$(date -u +%Y-%m-%d)"
awk -v heading="## $VERSION — $today" '
  !done && $0 == "## Unreleased" { print; print ""; print heading; done = 1; next }
  { print }
' CHANGELOG.md >CHANGELOG.md.new && mv CHANGELOG.md.new CHANGELOG.md

npm run build >/dev/null || die "npm run build failed; the release commit was not made"
built="$(node dist/cli.js --version)"
[[ "$built" == "$VERSION" ]] || die "dist/cli.js says $built after the build, not $VERSION"

git add package.json package-lock.json CHANGELOG.md dist
git commit -q -m "Release $TAG"
git tag -a "$TAG" -m "worker-gate $VERSION"
git tag -f -a "$MAJOR" -m "worker-gate $VERSION (moving major tag)" >/dev/null

remote="$(git remote | head -n 1)"
remote="${remote:-origin}"
branch="$(git rev-parse --abbrev-ref HEAD)"
echo "release: committed $(git rev-parse --short HEAD) \"Release $TAG\", tagged $TAG and moved $MAJOR to it; nothing was pushed."
echo "release: to publish, run:"
echo "  git push $remote $branch $TAG && git push --force $remote $MAJOR"
