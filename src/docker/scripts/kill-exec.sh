# Kills every process that carries one timed exec's marker in its environment,
# pass after pass until none is left (a process may fork while we kill). A
# marker rather than a process group: processes that start their own session or
# group keep their environment, so nothing the exec started survives it. Runs as
# the exec's user: killing one's own processes needs no capability.
#   kill-exec.sh NAME=VALUE   the marker, as it appears in /proc/PID/environ
m=$1; n=0
while [ "$n" -lt 50 ]; do
  found=0
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    [ "$p" = "$$" ] && continue
    if tr '\0' '\n' < "$d/environ" 2>/dev/null | grep -qxF "$m"; then kill -9 "$p" 2>/dev/null && found=1; fi
  done
  [ "$found" = 0 ] && break
  n=$((n + 1))
done
