# Read after the project's makefile (make -f Makefile -f profile.mk): keeps the
# shell and flags the makefile chose, then runs every recipe line through the
# timing shell beside this file, telling it the target and that shell.
WG_PROFILE_SHELL := $(SHELL)
WG_PROFILE_FLAGS := $(.SHELLFLAGS)
SHELL := $(dir $(lastword $(MAKEFILE_LIST)))profile-shell.sh
.SHELLFLAGS = wg:$@ $(WG_PROFILE_SHELL) $(WG_PROFILE_FLAGS)
