#!/bin/sh
# `make ARGS...` with every recipe line timed: the project's makefile, found as
# make finds it, then profile.mk. Without a makefile, plain make says so.
for file in GNUmakefile makefile Makefile; do
  if [ -f "$file" ]; then exec make -f "$file" -f "${0%/*}/profile.mk" "$@"; fi
done
exec make "$@"
