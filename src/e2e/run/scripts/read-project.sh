# Right after a scaffold that passed, in the scaffolder: the front of the exec that reaped what the
# scaffold left (reap.sh … ours). After script-records.sh and project-files.sh's body as the
# function project_files. Its records go to the exec's stderr, which nothing of the project's holds:
# the scaffold's leftovers are dead, and what it runs next joins its own stderr to stdout
# (evidence.py … then, or `sh -c 'exec "$@" 2>&1'`).
#   1. the scratch folder goes (the template copy, copier's mirror, any credential) before anything
#      of the project's runs: else "wg failed WHY" and exit 90;
#   2. "wg scratch-gone", then the project's hooks, Makefile and scripts as text (project_files),
#      read in PROJECT, ending with "wg done";
#   3. the rest of the exec runs in its place: what the project asks of Python, then make's
#      database of the Makefile (its $(shell …) calls are the project's code: last).
#   read-project.sh PROJECT SCRATCH MAX_BYTES MAX_FILES REST...
project=$1 scratch=$2 max_bytes=$3 max_files=$4
shift 4
{
  if ! rm -rf -- "$scratch" 2>/dev/null || [ -e "$scratch" ]; then
    wg failed "cannot remove $scratch"
    exit 90
  fi
  wg scratch-gone
  if ! cd -- "$project"; then
    wg failed "no folder $project"
    exit 91
  fi
  project_files "$max_bytes" "$max_files"
} >&2
exec "$@"
