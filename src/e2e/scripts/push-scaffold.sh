# Worker A's last phase: the scaffolded project becomes the origin's main branch,
# which every warm worker clones.
#   push-scaffold.sh ORIGIN
set -e
git init -q
git add -A
git commit -q -m "Scaffold the project from its template"
git remote add origin "$1"
git push -q origin HEAD:refs/heads/main
