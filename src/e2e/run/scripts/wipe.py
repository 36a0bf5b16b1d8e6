# Empties the run's last volumes before the engine removes them, several
# deletions at once: the engine deletes a volume's files one after another
# (15,000 files of venvs and a uv cache: 2.3-3.0 s with one `rm -rf` on this
# machine's disk, 1.0-1.3 s with four at once; 10,000 files: 1.6 s with one,
# 0.9-1.0 s with four, 0.8 s with eight, sixteen no better, the container's start
# included). Run in a short container that mounts the volumes, as the workers'
# user. What it cannot delete (another user's files, a folder it cannot read)
# the engine's removal still deletes: it never fails. Symbolic links are
# deleted, never followed (rm -rf's own rule).
#   wipe.py DIR...   prints "@@wg wiped N LEFT": N paths handed to rm, LEFT of
#                    them still there; then "@@wg done"
#   wipe.py --wait DIR...
#                    the same once SIGUSR1 comes: started ahead, beside the last
#                    developer's checks, and told when its last phase is over
import os
import signal
import subprocess
import sys

PARALLEL = 8
# Split the trees until there are this many parts, so that the rm's share the work. Deep enough
# for a service's venv (project/services/NAME/.venv/lib/pythonX.Y/site-packages/PACKAGE): at 64
# parts and 5 levels, one venv of 3,000 files was a single part that one rm took alone (a tree
# like it on this disk: 0.69-0.76 s at 64 and 5, 0.60-0.65 s at 512 and 12).
PARTS = 512
DEPTH = 12


def parts(top):
    """Paths under top that together hold all of it: folders opened level by level until there are PARTS."""
    frontier = [top]
    leaves = []
    for _ in range(DEPTH):
        opened = []
        for folder in frontier:
            try:
                with os.scandir(folder) as it:
                    for entry in it:
                        (opened if entry.is_dir(follow_symlinks=False) else leaves).append(entry.path)
            except OSError:
                pass
        frontier = opened
        if len(frontier) + len(leaves) >= PARTS or not frontier:
            break
    return frontier + leaves


def remove_all(paths):
    # Round robin: each rm gets every PARALLEL-th part, so big and small parts spread out.
    running = [
        subprocess.Popen(['rm', '-rf', '--'] + paths[i::PARALLEL], stderr=subprocess.DEVNULL)
        for i in range(PARALLEL)
        if paths[i::PARALLEL]
    ]
    for rm in running:
        rm.wait()


def main():
    tops = sys.argv[1:]
    if tops[:1] == ['--wait']:
        tops = tops[1:]
        # Blocked, so that it waits in the queue even for PID 1, which ignores a signal it has no handler for.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
        signal.sigwait({signal.SIGUSR1})
    handed = []
    for top in tops:
        handed += parts(top)
    remove_all(handed)
    # What is left under each top: the folders the parts were in, now empty (or another user's).
    for top in tops:
        try:
            rest = [os.path.join(top, name) for name in os.listdir(top)]
        except OSError:
            rest = []
        if rest:
            subprocess.call(['rm', '-rf', '--'] + rest, stderr=subprocess.DEVNULL)
    left = sum(1 for p in handed if os.path.lexists(p))
    print('@@wg wiped %d %d' % (len(handed), left))
    print('@@wg done')


main()
