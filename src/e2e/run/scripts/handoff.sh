# Production's mount preparation, in a helper container that holds CAP_CHOWN
# and nothing else: the origin the scaffolder pushed to becomes the workers'
# (so a developer can push), and, for a mounted handoff, a copy of the
# scaffolder's project, venvs included, becomes a developer's workspace, owned
# by the developer. Root without CAP_DAC_OVERRIDE reads what root wrote and
# what is readable by all.
#   handoff.sh UID GID ORIGIN [FROM TO]
set -e
uid=$1 gid=$2 origin=$3
chown -R "$uid:$gid" "$origin"
if [ -n "${4:-}" ]; then
  cp -a "$4/." "$5/"
  chown -R "$uid:$gid" "$5"
fi
