# Which of the named commands the worker has on its PATH after all, found as a
# phase finds them (`command -v`, as the worker). After script-records.sh.
#   command-paths.sh NAME...
#     wg path NAME PATH   NAME is the file PATH (builtins, functions and aliases are not files)
for name in "$@"; do
  p=$(command -v "$name" 2>/dev/null) || continue
  case $p in /*) wg path "$name" "$p" ;; esac
done
wg done
