# A warm worker's last phase: its work pushed to the origin. Always a commit, so
# the project's pre-commit hook runs in every worker.
#   push-work.sh WORKER
set -e
git add -A
git commit -q --allow-empty -m "Work of worker $1"
git push -q origin HEAD:refs/heads/main
