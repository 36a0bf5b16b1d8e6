# Worker A's scaffold phase: the bare origin repository, the template as a git
# repository when it came as plain files (copier's --vcs-ref needs git), then
# copier, then the project as a git repository from the start, as the one an
# agent clones (setup can point git at its hooks). A worker without git fails
# here, visibly.
#   scaffold.sh ORIGIN PROJECT TEMPLATE CACHE COPIER...
#     TEMPLATE  the uploaded template folder to make a repository of, or "" (it is one)
#     CACHE     the scaffolder's own uv cache (scaffold-cache own), or "" (the workers')
set -e
origin=$1 project=$2 template=$3 cache=$4
shift 4
if [ -n "$cache" ]; then export UV_CACHE_DIR="$cache"; fi
git init -q --bare "$origin"
git -C "$origin" symbolic-ref HEAD refs/heads/main
if [ -n "$template" ]; then
  cd "$template"
  git init -q
  git add -A
  git commit -q -m "Template as uploaded"
  cd - >/dev/null
fi
"$@"
git init -q "$project"
