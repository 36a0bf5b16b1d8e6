# Read after the project's makefile (make -f Makefile -f profile.mk): keeps the
# shell and flags the makefile chose, then runs every recipe line through the
# timing shell beside this file, telling it that shell and flags, and the target
# in the environment: a target name in .SHELLFLAGS would be split at its spaces
# and quotes. A target with a SHELL of its own keeps it, with the makefile's
# flags, and goes unprofiled: the timing shell cannot stand in for it there.
WG_PROFILE_SHELL := $(SHELL)
WG_PROFILE_FLAGS := $(.SHELLFLAGS)
WG_PROFILE_SELF := $(dir $(lastword $(MAKEFILE_LIST)))profile-shell.sh
SHELL := $(WG_PROFILE_SELF)
.SHELLFLAGS = $(if $(filter $(WG_PROFILE_SELF),$(SHELL)),$(WG_PROFILE_SHELL)) $(WG_PROFILE_FLAGS)
export WG_PROFILE_TARGET = $@
