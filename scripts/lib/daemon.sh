# Sourced by the ensure-*.sh scripts that start a daemon.
# start_daemon LOG COMMAND… starts COMMAND in its own session, detached from the
# caller's terminal, output to LOG, and sets DAEMON_PID. Descriptors the caller
# holds above stderr are closed first: a daemon started under
# `flock /tmp/lock bash ensure-docker.sh` would otherwise hold the lock for life.
start_daemon() {
  local log="$1" fd
  shift
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      if ((fd > 2)); then eval "exec ${fd}>&-" 2>/dev/null || true; fi
    done
    exec setsid "$@" >"$log" 2>&1 </dev/null
  ) &
  DAEMON_PID=$!
}
