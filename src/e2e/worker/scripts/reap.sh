# Ends every process a phase left behind in a worker (no process of one phase
# may survive into the next: it would skew the next one's timing and could
# forge its evidence), run as the worker's own user: with
# cap_drop ALL, root cannot signal the worker's processes, and the worker can
# signal all of its own. Every process of this uid goes except the idle
# process that keeps the container alive (its pid is the argument), its
# children (its sleep) and this script. A marker in the environment would not
# do: a process can start with an empty one (env -i). Shell builtins only, no
# subshells, so the script starts no process it would have to tell apart.
#
#   reap.sh idle       prints the idle process: the child of PID 1 (run before any phase)
#   reap.sh kill PID   kills the leftovers, pass after pass until none is left;
#                      prints "reaped N M": N killed, M left (M > 0: some survived 50 passes)
#   reap.sh kill PID then CMD ARG...
#                      the same, then (only when none is left) runs CMD in its place: one
#                      exec for the reap and the command of ours that follows a phase. Its
#                      "reaped" record comes before anything CMD prints, and no "done":
#                      CMD's own records say whether CMD reached its end.
#   reap.sh kill PID phase CMD ARG...
#                      the same before a phase, whose CMD is the project's: the record goes
#                      to stderr, with the reap's own time in hundredths of a second
#                      ("reaped N M CS"), and CMD runs with stderr joined to stdout. Nothing of
#                      the project's holds the exec's stderr after that: the last record there
#                      is this one, whatever CMD prints.
#   reap.sh kill PID ours CMD ARG...
#                      the same, but CMD is ours (the evidence before a phase), which writes its
#                      records to stderr and joins it to stdout itself before the project's
#                      command; WG_REAPED_AT (the reap's end, /proc/uptime in hundredths) tells
#                      CMD where its own time starts.
# Some survived: exit 97 (CMD does not run). The reader takes the last "reaped" record and
# only what follows it.
# In the records of script-records.ts, whose sh writer (wg) is put in front of this file.

field() { # field FILE NAME: sets val to the first value of NAME: in a /proc status file
  val=
  [ -r "$1" ] || return 1
  while read -r k v _; do
    if [ "$k" = "$2:" ]; then val=$v; return 0; fi
  done 2>/dev/null < "$1"
  return 1
}

field /proc/self/status Uid
me=$val
self=$$

leftovers() { # sets list to the pids to kill
  list=
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    if [ "$p" = 1 ] || [ "$p" = "$self" ] || [ "$p" = "$1" ]; then continue; fi
    field "$d/status" State || continue
    [ "$val" = Z ] && continue # a zombie is dead already; its parent or PID 1 reaps it
    field "$d/status" Uid || continue
    [ "$val" = "$me" ] || continue
    field "$d/status" PPid || continue
    [ "$val" = "$1" ] && continue
    list="$list $p"
  done
}

case "$1" in
  idle)
    for d in /proc/[0-9]*; do
      if field "$d/status" PPid && [ "$val" = 1 ]; then
        wg idle "${d#/proc/}"
        wg done
        exit 0
      fi
    done
    exit 1
    ;;
  kill)
    read -r began _ < /proc/uptime
    idle=$2
    if [ -z "$idle" ]; then echo "reap.sh kill: no idle pid" >&2; exit 2; fi
    then=$3
    if [ -n "$then" ]; then
      if { [ "$then" != then ] && [ "$then" != phase ] && [ "$then" != ours ]; } || [ $# -lt 4 ]; then
        echo "reap.sh kill: 'then CMD', 'phase CMD' or 'ours CMD' expected after the pid" >&2
        exit 2
      fi
      shift 3
    fi
    killed=0
    seen=
    n=0
    while [ "$n" -lt 50 ]; do
      leftovers "$idle"
      [ -z "$list" ] && break
      for p in $list; do
        # A killed process may still be listed in the next pass (it takes a moment to die): count it once.
        kill -9 "$p" 2>/dev/null && case " $seen " in *" $p "*) ;; *) seen="$seen $p"; killed=$((killed + 1)) ;; esac
      done
      n=$((n + 1))
    done
    leftovers "$idle"
    left=0
    for p in $list; do left=$((left + 1)); done
    # A leftover could write into this exec's output until it died (/proc/PID/fd/1 is its uid's):
    # what came before is not ours. Our record starts a line of its own, and it is the last one:
    # none of the phase is alive to write after it. Survivors: exit 97, which they cannot forge.
    if [ "$then" = phase ] || [ "$then" = ours ]; then
      read -r ended _ < /proc/uptime
      # Seconds with two decimals (the host's uptime, never under 1 s): hundredths, as integers.
      took=$(( ${ended%.*}${ended#*.} - ${began%.*}${began#*.} ))
      printf '\n' >&2
      wg reaped "$killed" "$left" "$took" >&2
      [ "$left" -gt 0 ] && exit 97
      if [ "$then" = ours ]; then
        WG_REAPED_AT=${ended%.*}${ended#*.}
        export WG_REAPED_AT
        exec "$@"
      fi
      exec "$@" 2>&1
    fi
    printf '\n'
    wg reaped "$killed" "$left"
    [ "$left" -gt 0 ] && exit 97
    if [ -z "$then" ]; then
      wg done
    else
      exec "$@"
    fi
    ;;
  *)
    echo "usage: reap.sh idle | reap.sh kill IDLE_PID [then CMD ARG...]" >&2
    exit 2
    ;;
esac
