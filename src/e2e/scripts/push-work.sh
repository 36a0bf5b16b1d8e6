# A developer worker's last phase: its work pushed to the origin, with the
# project's hooks on, as an agent's push is. Always a commit, so the project's
# pre-commit hook runs in every worker. The subject is what hook-blame.sh looks
# for when this phase fails.
#   push-work.sh SUBJECT
set -e
git add -A
git commit -q --allow-empty -m "$1"
git push -q origin HEAD:refs/heads/main
