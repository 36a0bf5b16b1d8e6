# Do the project's virtual environments work where the worker sees them? With
# `handoff mount` the scaffolder built them under another path (its workspace,
# /data/workspaces/<id>), so every console script's shebang, every editable
# install's .pth path (or the path in its finder module) and every
# direct_url.json may still name that path. Run as the worker, by an absolute
# interpreter in isolated mode, from the root-owned tools folder:
#
#   venv-check.py PROJECT [STALE_PREFIX]
#
# For each venv under PROJECT (a folder with pyvenv.cfg): its bin/python runs;
# every #! script in bin/ names an interpreter that exists; every absolute path
# of its .pth files (and of the editable finder modules they import) exists;
# every file:// url of a direct_url.json exists; every editable distribution
# imports. A broken reference is reported with what is left of its path here
# (the deepest ancestor that exists), the prefix it was built under and where
# the file is now: STALE_PREFIX (the scaffolder's path) when the path is under
# it, else the longest tail of the path that exists under PROJECT.
# It only reads (-B: the imports write no bytecode), apart from what importing
# the editable packages does.
#
# Records (src/model/script-records.ts), read by src/e2e/evidence/venv-check.ts:
#   venv REL                                        a venv, relative to PROJECT
#   finding KIND FILE                               KIND shebang|pth|direct_url|python|import, FILE relative
#   target PATH / exists PATH / stale PATH / at PATH   of the last finding: the broken path, its deepest
#                                                   existing ancestor, the prefix it was moved from, and
#                                                   where the file is now
#   message TEXT                                    of the last finding: why (python, import, env)
#   checked PYTHON SCRIPTS PATHS URLS IMPORTS BROKEN MORE   closes the venv: PYTHON 1 when it runs,
#                                                   what was checked, findings, findings past the cap
#   more-venvs N                                    venvs past the cap, not checked
#   done
import ast, json, os, subprocess, sys
from urllib.parse import unquote

MAX_FINDINGS = 40  # per venv
MAX_VENVS = 20
MAX_DIRS = 5000  # folders the search for venvs may visit
DEPTH = 4  # venvs down to four folders below PROJECT (services/<name>/.venv is three)
SKIP = {'.git', 'node_modules', '__pycache__', '.ruff_cache', '.pytest_cache', '.mypy_cache'}
PYTHON_SECONDS = 30
IMPORT_SECONDS = 90
IMPORT_MARK = '@@venv-check-import '
# Run by the venv's python with the names as arguments: every failure on a line of its own.
IMPORT_CODE = (
    'import importlib, sys\n'
    'for n in sys.argv[1:]:\n'
    '    try:\n'
    '        importlib.import_module(n)\n'
    '    except BaseException as e:\n'
    "        m = ('%s: %s' % (type(e).__name__, e)).replace('\\r', ' ').replace('\\n', ' ')\n"
    "        sys.stdout.write('\\n" + IMPORT_MARK + "' + n + ' ' + m + '\\n')\n"
    '        sys.stdout.flush()\n'
)

printed = []

def record(kind, *fields):
    # One record of script-records.ts: '@@wg KIND FIELD...'. Only the last field may hold spaces,
    # and none a line break: such an entry cannot be told and is left out.
    text = ' '.join(str(f) for f in (kind,) + fields)
    if '\n' in text or '\r' in text:
        return
    printed.append('@@wg ' + text + '\n')

def listdir(d):
    try:
        return sorted(os.listdir(d))
    except OSError:
        return []

def read_text(path, limit=1048576):
    try:
        with open(path, encoding='utf-8', errors='surrogateescape') as f:
            return f.read(limit)
    except OSError:
        return None

def is_venv(d):
    return os.path.isfile(os.path.join(d, 'pyvenv.cfg'))

def venvs_of(project):
    # Venvs under project, not looking inside them, nor into SKIP or symlinked folders; bounded.
    found, stack, visited = [], [(project, 0)], 0
    while stack and visited < MAX_DIRS:
        d, level = stack.pop()
        visited += 1
        for n in listdir(d):
            sub = os.path.join(d, n)
            if n in SKIP or os.path.islink(sub) or not os.path.isdir(sub):
                continue
            if is_venv(sub):
                found.append(sub)
            elif level + 1 < DEPTH:
                stack.append((sub, level + 1))
    return sorted(found)

def site_packages(venv):
    found = [os.path.join(venv, 'lib', n, 'site-packages') for n in listdir(os.path.join(venv, 'lib')) if n.startswith('python')]
    return [d for d in found if os.path.isdir(d)]

class Venv:
    def __init__(self, project, venv, stale):
        self.project, self.venv, self.stale = project, venv, stale
        self.findings = []
        self.counts = {'scripts': 0, 'paths': 0, 'urls': 0, 'imports': 0}

    def rel(self, path):
        return os.path.relpath(path, self.project)

    def broken(self, kind, file, target=None, message=None):
        self.findings.append({'kind': kind, 'file': self.rel(file), 'target': target, 'message': message})

def existing_ancestor(path):
    d = os.path.dirname(path)
    while d != os.path.dirname(d) and not os.path.lexists(d):
        d = os.path.dirname(d)
    return d

def moved_from(path, project, stale):
    # (prefix, where the file is now or None): the prefix the path was built under. STALE_PREFIX
    # when the path is under it (the file is then the rest of the path under project); else the
    # longest tail of the path found under project, and the prefix before it.
    if stale and path.startswith(stale.rstrip('/') + '/'):
        here = os.path.join(project, path[len(stale.rstrip('/')) + 1:])
        return stale.rstrip('/'), (here if os.path.lexists(here) else None)
    parts = [p for p in path.split('/') if p]
    for i in range(1, len(parts)):
        here = os.path.join(project, *parts[i:])
        if os.path.lexists(here):
            return '/' + '/'.join(parts[:i]), here
    return None, None

def python_runs(v):
    # (ok, why, the missing path): bin/python starts and exits 0; a dangling link names its target.
    python = os.path.join(v.venv, 'bin', 'python')
    target = None
    if os.path.islink(python) and not os.path.exists(python):
        target = os.path.join(os.path.dirname(python), os.readlink(python))
        target = os.path.normpath(target)
    elif not os.path.lexists(python):
        target = python
    try:
        r = subprocess.run([python, '-I', '-c', 'pass'], cwd='/', stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=PYTHON_SECONDS)
    except subprocess.TimeoutExpired:
        return False, 'timed out after %d s' % PYTHON_SECONDS, target
    except OSError as e:
        return False, 'cannot start: %s' % (e.strerror or e), target
    if r.returncode != 0:
        tail = last_line(r.stdout.decode('utf-8', 'replace'))
        return False, 'exit %d%s' % (r.returncode, ': ' + tail if tail else ''), target
    return True, None, None

def last_line(text):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return lines[-1] if lines else ''

def shebang(path):
    # The interpreter a script names and the first word after it, or None when it has no #!.
    # pip and uv write long or spaced paths as '#!/bin/sh' and a line "'''exec' PATH "$0" "$@"".
    try:
        with open(path, 'rb') as f:
            head = f.read(4096)
    except OSError:
        return None
    if not head.startswith(b'#!'):
        return None
    lines = head.decode('utf-8', 'surrogateescape').split('\n')
    words = lines[0][2:].split()
    if not words:
        return '', None
    if words[0] == '/bin/sh' and len(lines) > 1 and lines[1].startswith("'''exec' "):
        rest = lines[1][len("'''exec' "):]
        if rest[:1] in ('"', "'"):
            end = rest.find(rest[0], 1)
            return (rest[1:end] if end > 0 else rest[1:]), None
        return rest.split()[0] if rest.split() else '', None
    args = [w for w in words[1:] if not w.startswith('-')]
    return words[0], (args[0] if args else None)

def executable(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)

def on_path(name):
    for d in os.environ.get('PATH', '').split(os.pathsep):
        if d and executable(os.path.join(d, name)):
            return True
    return False

def check_scripts(v):
    bindir = os.path.join(v.venv, 'bin')
    for n in listdir(bindir):
        path = os.path.join(bindir, n)
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        found = shebang(path)
        if found is None:
            continue
        v.counts['scripts'] += 1
        interpreter, first = found
        if not interpreter.startswith('/') or not executable(interpreter):
            v.broken('shebang', path, interpreter or '(empty)')
        elif os.path.basename(interpreter) == 'env' and first and '/' not in first and not on_path(first):
            v.broken('shebang', path, interpreter, '%s is not on PATH' % first)

def imported_modules(line):
    # 'import a, b as c; a.install()' -> ['a', 'b']
    names = []
    for statement in line.split(';'):
        words = statement.strip()
        if words.startswith('import ') or words.startswith('import\t'):
            for part in words[len('import'):].split(','):
                name = part.strip().split()[0] if part.strip() else ''
                if name:
                    names.append(name)
    return names

def finder_mapping(path):
    # {package: path} of an editable finder module: setuptools' and uv's MAPPING dict, or the
    # editables package's map_module(name, path) calls.
    text = read_text(path)
    if text is None:
        return {}
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {}
    mapping = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == 'MAPPING' for t in targets):
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    continue
                if isinstance(value, dict):
                    mapping.update((str(k), str(p)) for k, p in value.items() if isinstance(p, str))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'map_module':
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(args) == 2:
                mapping[args[0]] = args[1]
    return mapping

def read_pth(site, name):
    # (absolute path lines, {package: path} of the finder modules it imports, finder files)
    text = read_text(os.path.join(site, name)) or ''
    paths, mapping, finders = [], {}, []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith(('import ', 'import\t')):
            for module in imported_modules(line):
                finder = os.path.join(site, module + '.py')
                found = finder_mapping(finder) if os.path.isfile(finder) else {}
                if found:
                    finders.append((finder, found))
                    mapping.update(found)
        elif line.startswith('/'):
            paths.append(line)
    return paths, mapping, finders

def check_pth(v, site):
    for n in listdir(site):
        if not n.endswith('.pth'):
            continue
        paths, _, finders = read_pth(site, n)
        for p in paths:
            v.counts['paths'] += 1
            if not os.path.exists(p):
                v.broken('pth', os.path.join(site, n), p)
        for finder, mapping in finders:
            for p in sorted(set(mapping.values())):
                v.counts['paths'] += 1
                if not os.path.exists(p):
                    v.broken('pth', finder, p)

def normalised(name):
    return name.lower().replace('-', '_').replace('.', '_')

def dist_name(dist_info):
    # 'my_framework-0.1.0.dist-info' -> 'my_framework'
    return normalised(os.path.basename(dist_info)[: -len('.dist-info')].split('-')[0])

def packages_in(folder):
    names = []
    for n in listdir(folder):
        if n.startswith(('_', '.')) or n in ('setup.py', 'conftest.py', 'test', 'tests', 'docs'):
            continue
        if n.endswith('.py'):
            names.append(n[:-3])
        elif os.path.isfile(os.path.join(folder, n, '__init__.py')):
            names.append(n)
    return names

def top_level_names(site, dist_info):
    # The names to import for an editable distribution: top_level.txt, else the packages its .pth
    # maps (finder) or holds (path), else its own name.
    text = read_text(os.path.join(dist_info, 'top_level.txt'))
    if text and text.split():
        return text.split()
    own = dist_name(dist_info)
    names = []
    for line in (read_text(os.path.join(dist_info, 'RECORD')) or '').splitlines():
        rel = line.split(',')[0]
        if not rel.endswith('.pth') or '/' in rel:
            continue
        paths, mapping, _ = read_pth(site, rel)
        names.extend(k.split('.')[0] for k in mapping)
        for p in paths:
            found = packages_in(p) if os.path.isdir(p) else []
            names.extend([n for n in found if normalised(n) == own] or found[:5])
    return sorted(set(names)) or [own]

def check_dists(v, site):
    # direct_url.json of every distribution; (name, dist-info) of the editable ones, to import.
    names = []
    for n in listdir(site):
        if not n.endswith('.dist-info'):
            continue
        dist_info = os.path.join(site, n)
        text = read_text(os.path.join(dist_info, 'direct_url.json'))
        if text is None:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        url = data.get('url') if isinstance(data, dict) else None
        if isinstance(url, str) and url.startswith('file://'):
            path = unquote(url[len('file://'):])
            v.counts['urls'] += 1
            if not os.path.exists(path):
                v.broken('direct_url', os.path.join(dist_info, 'direct_url.json'), path)
        info = data.get('dir_info') if isinstance(data, dict) else None
        if isinstance(info, dict) and info.get('editable'):
            names.extend((name, dist_info) for name in top_level_names(site, dist_info))
    return names

def check_imports(v, names):
    # One start of the venv's python for every name; a failure is reported on the dist-info.
    python = os.path.join(v.venv, 'bin', 'python')
    dist_of = dict(names)
    v.counts['imports'] = len(dist_of)
    try:
        r = subprocess.run([python, '-I', '-B', '-c', IMPORT_CODE] + sorted(dist_of), cwd='/', stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=IMPORT_SECONDS)
    except subprocess.TimeoutExpired:
        why = 'importing %s timed out after %d s' % (', '.join(sorted(dist_of)), IMPORT_SECONDS)
        v.broken('import', python, None, why)
        return
    except OSError as e:
        v.broken('import', python, None, 'cannot start: %s' % (e.strerror or e))
        return
    for line in r.stdout.decode('utf-8', 'replace').splitlines():
        if line.startswith(IMPORT_MARK):
            name, _, why = line[len(IMPORT_MARK):].partition(' ')
            v.broken('import', dist_of.get(name, python), None, 'import %s: %s' % (name, why))

def check_venv(project, venv, stale):
    v = Venv(project, venv, stale)
    ok, why, target = python_runs(v)
    if not ok:
        v.broken('python', os.path.join(venv, 'bin', 'python'), target, why)
    check_scripts(v)
    names = []
    for site in site_packages(venv):
        check_pth(v, site)
        names.extend(check_dists(v, site))
    if ok and names:
        check_imports(v, names)
    return v, ok

def report(v, ok):
    record('venv', v.rel(v.venv))
    for f in v.findings[:MAX_FINDINGS]:
        record('finding', f['kind'], f['file'])
        target = f['target']
        if target:
            record('target', target)
            if target.startswith('/') and not os.path.lexists(target):
                record('exists', existing_ancestor(target))
                prefix, here = moved_from(target, v.project, v.stale)
                if prefix:
                    record('stale', prefix)
                if here:
                    record('at', here)
        if f['message']:
            record('message', f['message'])
    c = v.counts
    record('checked', 1 if ok else 0, c['scripts'], c['paths'], c['urls'], c['imports'], len(v.findings),
           max(0, len(v.findings) - MAX_FINDINGS))

def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit('usage: venv-check.py PROJECT [STALE_PREFIX]')
    project = os.path.abspath(sys.argv[1])
    stale = sys.argv[2] if len(sys.argv) == 3 and sys.argv[2] else None
    venvs = venvs_of(project)
    for venv in venvs[:MAX_VENVS]:
        report(*check_venv(project, venv, stale))
    if len(venvs) > MAX_VENVS:
        record('more-venvs', len(venvs) - MAX_VENVS)
    record('done')
    # Bytes, whatever the worker's locale: file names come back as they were on disk.
    sys.stdout.buffer.write(''.join(printed).encode('utf-8', 'surrogateescape'))

main()
