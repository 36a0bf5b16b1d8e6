# Who a worker is, right after it started, before any code under test ran:
# its uid and gid, and the absolute path of its python3 when that is a file the
# worker cannot change (the evidence runs with it). After script-records.sh.
# Every python3 found is also told as "found": root can write any file, so a root
# worker's evidence runs with that one (it is informational there, never a proof).
wg user "$(id -u)" "$(id -g)"
if p=$(command -v python3); then
  case "$p" in /*)
    wg found "$p"
    [ ! -w "$p" ] && wg python "$p"
    ;;
  esac
fi
wg done
