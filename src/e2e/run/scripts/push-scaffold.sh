# The scaffolder's last phase: the scaffolded project becomes the origin's main
# branch, which every developer worker clones. As production's scaffolder does,
# the first commit and push run with the project's hooks off (a pre-push hook
# that diffs against the remote or HEAD~1 has nothing to diff yet), and the
# hooks setting is restored afterwards, pass or fail.
#   push-scaffold.sh ORIGIN
set -e
git init -q
hooks=$(git config --get core.hooksPath || true)
restore() {
  if [ -n "$hooks" ]; then git config core.hooksPath "$hooks"; else git config --unset core.hooksPath || true; fi
}
trap restore EXIT
git config core.hooksPath /dev/null
git add -A
git commit -q -m "Scaffold the project from its template"
git remote add origin "$1"
git push -q origin HEAD:refs/heads/main
