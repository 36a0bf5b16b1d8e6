# A developer worker's last phase: a change of its own, committed and pushed to
# a branch of its own on the origin with the project's hooks on, as an agent's
# push is (a pre-commit hook that formats and a pre-push hook that lints both
# run; developers that got the same project never race for one branch). The
# change is a comment line appended to the first tracked Python file, so the
# commit is never empty; with none, the commit is empty. The subject is what
# hook-blame.sh looks for when this phase fails.
#   push-work.sh SUBJECT REFSPEC
set -e
file=$(git ls-files -- '*.py' | head -n 1)
if [ -n "$file" ]; then
  # A file that does not end in a newline gets one first, so the comment is a line of its own.
  if [ -s "$file" ] && [ -n "$(tail -c 1 "$file")" ]; then echo >> "$file"; fi
  echo "# $1" >> "$file"
  git add -- "$file"
fi
git add -A
git commit -q --allow-empty -m "$1"
git push -q origin "$2"
