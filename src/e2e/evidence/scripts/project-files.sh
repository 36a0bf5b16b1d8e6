# The project's files that run commands for its users, as text, for the scan of
# calls to removed tools (src/e2e/evidence/removed-tool-calls.ts): the Makefile (any of
# make's three names), the files in .githooks and scripts/*.sh. Run as the
# worker in the project's folder, after script-records.sh. Regular files only
# (a symlink counts as its target); a file holding a NUL byte is not text; of a
# longer file only its first MAX_BYTES bytes are read (its last line may be cut).
#   project-files.sh MAX_BYTES MAX_FILES
#     wg begin file BYTES PATH   PATH's text (BYTES: its whole size), then wg end
#     wg skip WHY PATH           not read: binary, unreadable
#     wg limit MAX_FILES         more files than that: the rest were not read
max_bytes=$1 max_files=$2
nl='
'
count=0
for f in GNUmakefile makefile Makefile .githooks/* scripts/*.sh; do
  [ -f "$f" ] || continue
  case $f in *"$nl"*) continue ;; esac
  if [ "$count" -ge "$max_files" ]; then
    wg limit "$max_files"
    break
  fi
  count=$((count + 1))
  if [ ! -r "$f" ]; then
    wg skip unreadable "$f"
    continue
  fi
  if [ "$(head -c "$max_bytes" "$f" | tr -cd '\000' | wc -c)" -gt 0 ]; then
    wg skip binary "$f"
    continue
  fi
  wg begin file "$(wc -c <"$f" | tr -d ' ')" "$f"
  head -c "$max_bytes" "$f" | lines
  wg end
done
wg done
