# What the e2e asks of an image as its user, after script-records.sh: the HOME
# (it decides the uv cache folder when the image names none), and the versions
# of Python and uv the report gives, and the image's copier (empty when a command is missing).
wg home "$HOME"
# The version as platform.python_version() gives it, without importing platform (70 ms here):
# isolated (-I -S), about 10 ms.
wg python "$(python3 -I -S -c 'import sys; print(sys.version.split()[0])' 2>/dev/null)"
wg uv "$(uv --version 2>/dev/null)"
# The image's own copier, which the scaffolder runs instead of uvx's (empty: none).
wg copier "$(command -v copier 2>/dev/null)"
wg done
