# cache-dir-writable, inside the image as its user, after script-records.sh: can
# the user create and delete a file in DIR (a fresh volume mounted there), and
# who owns DIR as the user sees it.
#   cache-volume.sh DIR
#   prints: write ok|cannot-create|cannot-delete
#           owner MODE OWNER_UID OWNER_GID UID   ("?" for what it cannot tell)
d=$1; f="$d/.worker-gate-write-test.$$"
uid=; while read -r k v _; do [ "$k" = Uid: ] && uid=$v; done < /proc/self/status
if ( : > "$f" ) 2>/dev/null; then
  rm -f "$f" 2>/dev/null
  if [ -e "$f" ]; then wg write cannot-delete; else wg write ok; fi
else wg write cannot-create; fi
# shellcheck disable=SC2046
set -- $(ls -ldn "$d" 2>/dev/null)
wg owner "${1:-?}" "${3:-?}" "${4:-?}" "${uid:-?}"
wg done
