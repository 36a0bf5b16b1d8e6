# The scaffolder's scaffold phase: the bare origin repository, the template as a
# git repository when it came as plain files (copier's --vcs-ref needs git), then
# copier, then the project as a git repository from the start, as the one a
# developer clones (setup can point git at its hooks). A scaffolder without git
# fails here, visibly. Its uv cache is the container's UV_CACHE_DIR.
#   scaffold.sh ORIGIN PROJECT TEMPLATE COPIER...
#     TEMPLATE  the uploaded template folder to make a repository of, or "" (it is one)
set -e
origin=$1 project=$2 template=$3
shift 3
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
