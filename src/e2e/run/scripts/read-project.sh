# Right after a scaffold that passed, in the scaffolder's project folder, in the exec that reaped
# what the scaffold left and read what the project asks of Python (evidence.py … then), after
# script-records.sh and project-files.sh's body as the function project_files:
#   1. the scratch folder goes (the template copy, copier's mirror, any credential) before anything
#      of the project's runs: "wg scratch-gone", else "wg failed WHY" and exit 90;
#   2. the project's hooks, Makefile and scripts as text (project_files), ending with its "wg done";
#   3. the Makefile's database (make -p prints it and runs no recipe). Reading the Makefile runs the
#      project's $(shell …) calls: it comes last, and what it prints follows that "done", where no
#      record is read.
#   read-project.sh SCRATCH MAX_BYTES MAX_FILES GOAL
scratch=$1 max_bytes=$2 max_files=$3 goal=$4
if ! rm -rf -- "$scratch" 2>/dev/null || [ -e "$scratch" ]; then
  wg failed "cannot remove $scratch"
  exit 90
fi
wg scratch-gone
project_files "$max_bytes" "$max_files"
exec make -pRrq -f Makefile "$goal"
