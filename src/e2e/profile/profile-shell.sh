#!/bin/sh
# worker-gate's timing shell: make runs every recipe line through it (profile.mk
# sets SHELL to this file, puts the Makefile's own shell and flags in front of
# make's arguments and the target in WG_PROFILE_TARGET). It runs the line with
# that shell, unchanged, and writes marker lines to stderr, where uv writes its
# summary, so that uv's lines in between belong to this recipe line (RS is \036):
#   RS wg-begin PID UPTIME TARGET
#   RS wg-cmd PID TEXT            one per line of the recipe line's text
#   RS wg-end PID UPTIME EXIT
# No fork on the way: the clock is /proc/uptime (10 ms steps), printf and read
# are builtins. $(shell ...) calls in recipes come here too, with no target
# under make 4.3; make 4.4 gives them exported variables, so the recipe's.
target=$WG_PROFILE_TARGET
unset WG_PROFILE_TARGET
shell=$1
shift
for text; do :; done
read -r start _ </proc/uptime
printf '\036wg-begin %s %s %s\n' "$$" "$start" "$target" >&2
nl='
'
while :; do
  case $text in
  *"$nl"*)
    printf '\036wg-cmd %s %s\n' "$$" "${text%%"$nl"*}" >&2
    text=${text#*"$nl"}
    ;;
  *)
    printf '\036wg-cmd %s %s\n' "$$" "$text" >&2
    break
    ;;
  esac
done
"$shell" "$@"
code=$?
read -r end _ </proc/uptime
printf '\036wg-end %s %s %s\n' "$$" "$end" "$code" >&2
exit "$code"
