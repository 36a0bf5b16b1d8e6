# After a push phase failed, outside its timed span: did one of the project's git
# hooks stop it, and which? Run as the worker in the project, after
# script-records.sh. The step that failed is read from git's state: the work
# commit (subject SUBJECT) is absent → the commit failed (pre-commit,
# prepare-commit-msg or commit-msg); present → the push failed (pre-push). A hook
# is blamed only when it exists and is executable, and, for the push, when the
# same push without hooks (a dry run) would have gone through.
#   hook-blame.sh SUBJECT REMOTE REFSPEC
#     wg hooks DIR             where git looks for hooks (core.hooksPath or .git/hooks)
#     wg blame STEP HOOK PATH  the hook that stopped STEP (commit or push)
#     wg step STEP             no hook to blame: STEP failed by itself
subject=$1 remote=$2 refspec=$3
dir=$(git rev-parse --git-path hooks 2>/dev/null) || { wg done; exit 0; }
wg hooks "$dir"
if [ "$(git log -1 --format=%s 2>/dev/null)" = "$subject" ]; then
  step=push
  candidates=pre-push
else
  step=commit
  candidates="pre-commit prepare-commit-msg commit-msg"
fi
blamed=
for hook in $candidates; do
  [ -f "$dir/$hook" ] && [ -x "$dir/$hook" ] || continue
  if [ "$step" = push ] && ! git push -q --dry-run --no-verify "$remote" "$refspec" >/dev/null 2>&1; then
    continue
  fi
  wg blame "$step" "$hook" "$dir/$hook"
  blamed=1
done
[ -n "$blamed" ] || wg step "$step"
wg done
