# The evidence of one moment of an e2e run, gathered inside a worker outside the
# timed span: what uv's cache holds, what the project's venvs hold and how their
# files were linked, and the files that say how uv is configured and which Python
# the project asks for. Python, because every worker the e2e can pass has one, and
# because listing a cache and stat-ing files portably in sh is fragile. It only
# reads. It imports neither glob nor json (both pull in `re`, a tenth of a second
# per call in a 1-CPU worker) and prints the records of script-records.ts.
#
# uv 0.13.9's cache, as seen in a worker after `uvx copier` and `make setup`
# on the shipped template (UV_CACHE_DIR, version suffixes change between uv
# releases, hence the globs):
#   wheels-v8/pypi/<name>/<version>-<tags>.{http,msgpack,lock}   a wheel from PyPI; the
#       entry without a suffix is a symlink into archive-v0/<id>/ (the unpacked wheel,
#       the files uv hard-links or copies into a venv). Long tag sets are hashed:
#       sqlalchemy/2.1.9-00b06ae7f1096870.http
#   wheels-v8/index/<hash of the index URL>/<name>/...           a wheel from another index
#       (a UV_INDEX_URL, even one naming PyPI itself)
#   sdists-v11/pypi|index/<hash>/<name>/<version>/<id>/...        an sdist from an index, built
#   sdists-v11/editable/<hash>/..., sdists-v11/path/...           local builds (the template's
#       framework and services): not downloads
#   simple-v28/pypi/<name>.rkyv                                   index metadata: not downloads
#   archive-v0/<id>/, builds-v0/, environments-v2/, interpreter-v5/   unpacked wheels, build and
#       tool environments (uvx copier), interpreter facts
# So a download is a new <name>/<version…> entry under wheels-v*/{pypi,index/*} or
# sdists-v*/{pypi,index/*}; everything else is not counted.
import os, sys

def record(kind, *fields):
    # One record of script-records.ts: '@@wg KIND FIELD...'. Only the last field may hold spaces,
    # and none a line break: such an entry cannot be told and is left out.
    text = ' '.join(str(f) for f in (kind,) + fields)
    if '\n' in text or '\r' in text:
        return
    printed.append('@@wg ' + text + '\n')

def block(kind, text, *fields):
    # A block: the record, every line of text prefixed '| ', then the end record.
    record('begin', kind, *fields)
    printed.extend('| ' + line + '\n' for line in text.split('\n'))
    record('end')

printed = []

def matching(folder, prefix, suffixes=('',)):
    # Paths of the entries of folder whose names start with prefix and end with one of suffixes.
    return sorted(os.path.join(folder, n) for n in listdir(folder) if n.startswith(prefix) and n.endswith(suffixes))

STRIP = ('.http', '.msgpack', '.lock', '.rev')

def index_buckets(root):
    # (label, folder) for PyPI and every other index under one wheels-v*/sdists-v* root.
    out = []
    pypi = os.path.join(root, 'pypi')
    if os.path.isdir(pypi):
        out.append(('pypi', pypi))
    for d in matching(os.path.join(root, 'index'), ''):
        if os.path.isdir(d):
            out.append(('index/' + os.path.basename(d), d))
    return out

def listdir(d):
    try:
        return sorted(os.listdir(d))
    except OSError:
        return []

def cache_entries(cache):
    entries = set()
    for kind, pattern in (('wheel', 'wheels-v'), ('sdist', 'sdists-v')):
        for root in matching(cache, pattern):
            for label, bucket in index_buckets(root):
                for name in listdir(bucket):
                    for entry in listdir(os.path.join(bucket, name)):
                        if entry.startswith('.'):
                            continue
                        stem = entry
                        for suffix in STRIP:
                            if stem.endswith(suffix):
                                stem = stem[: -len(suffix)]
                        entries.add('%s:%s:%s/%s' % (kind, label, name, stem))
    return sorted(entries)

def tree_bytes(top):
    seen, total = set(), 0
    for dirpath, dirnames, filenames in os.walk(top):
        for f in filenames:
            try:
                st = os.lstat(os.path.join(dirpath, f))
            except OSError:
                continue
            key = (st.st_dev, st.st_ino)
            if key not in seen:
                seen.add(key)
                total += st.st_size
    return total

SKIP = {'.git', 'node_modules', '__pycache__', '.ruff_cache', '.pytest_cache'}

def project_walk(project, depth=3):
    # (folder, subfolders, files) down to depth, not into venvs or SKIP.
    stack = [(project, 0)]
    while stack:
        d, level = stack.pop()
        names = listdir(d)
        files = [n for n in names if os.path.isfile(os.path.join(d, n))]
        dirs = [n for n in names if os.path.isdir(os.path.join(d, n)) and not os.path.islink(os.path.join(d, n))]
        yield d, dirs, files
        if level >= depth:
            continue
        for n in dirs:
            sub = os.path.join(d, n)
            if n in SKIP or os.path.exists(os.path.join(sub, 'pyvenv.cfg')):
                continue
            stack.append((sub, level + 1))

def venvs_of(project):
    found = []
    for d, dirs, files in project_walk(project):
        for n in dirs:
            if os.path.exists(os.path.join(d, n, 'pyvenv.cfg')):
                found.append(os.path.join(d, n))
    return sorted(found)

def site_packages(venv):
    found = [os.path.join(d, 'site-packages') for d in matching(os.path.join(venv, 'lib'), 'python')]
    found.append(os.path.join(venv, 'Lib', 'site-packages'))
    return [d for d in found if os.path.isdir(d)]

def sample_file(site, dist_info):
    try:
        with open(os.path.join(dist_info, 'RECORD'), encoding='utf-8') as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines:
        rel = line.split(',')[0]
        if not rel or rel.startswith('..') or rel.startswith('/') or '.dist-info/' in rel or '__pycache__' in rel or rel.endswith('.pyc'):
            continue
        path = os.path.join(site, rel)
        if os.path.lexists(path):
            return path
    return None

def venv_evidence(project, per_venv=15):
    installs, samples, venvs = 0, [], venvs_of(project)
    for venv in venvs:
        taken = 0
        for site in site_packages(venv):
            for n in listdir(site):
                if not n.endswith('.dist-info'):
                    continue
                installs += 1
                dist_info = os.path.join(site, n)
                # direct_url.json: a path, editable, git or URL install, not one from an index.
                if taken >= per_venv or os.path.exists(os.path.join(dist_info, 'direct_url.json')):
                    continue
                path = sample_file(site, dist_info)
                if path is None:
                    continue
                st = os.lstat(path)
                samples.append({'dist': n[: -len('.dist-info')], 'path': path, 'nlink': st.st_nlink, 'symlink': os.path.islink(path)})
                taken += 1
    return installs, samples, venvs

def read_text(path, limit=262144):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read(limit)
    except OSError:
        return None

def config_files(project):
    out = []
    for name in ('GNUmakefile', 'makefile', 'Makefile'):
        text = read_text(os.path.join(project, name))
        if text is not None:
            out.append({'kind': 'makefile', 'file': os.path.join(project, name), 'text': text})
    for d, dirs, files in project_walk(project):
        for name, kind in (('pyproject.toml', 'pyproject'), ('uv.toml', 'uv-toml')):
            if name in files:
                text = read_text(os.path.join(d, name))
                if text is not None:
                    out.append({'kind': kind, 'file': os.path.join(d, name), 'text': text})
    home = os.path.expanduser('~')
    user = os.path.join(os.environ.get('XDG_CONFIG_HOME') or os.path.join(home, '.config'), 'uv', 'uv.toml')
    for path, kind in ((user, 'user-uv-toml'), ('/etc/uv/uv.toml', 'system-uv-toml')):
        text = read_text(path)
        if text is not None:
            out.append({'kind': kind, 'file': path, 'text': text})
    return out

def template_ask(project):
    # What the scaffolded project says about Python: requires-python and copier's answers.
    pyprojects = []
    for d, dirs, files in project_walk(project):
        if 'pyproject.toml' in files:
            text = read_text(os.path.join(d, 'pyproject.toml'))
            if text is not None:
                pyprojects.append({'file': os.path.relpath(os.path.join(d, 'pyproject.toml'), project), 'text': text})
    answers = []
    for path in matching(project, '.copier-answers', ('.yml', '.yaml')):
        text = read_text(path)
        if text is not None:
            answers.append({'file': os.path.basename(path), 'text': text})
    return {'pyprojects': sorted(pyprojects, key=lambda p: p['file']), 'answers': answers}

def cache_listing(cache, with_bytes):
    record('cache')
    # Who owns the cache folder (the scaffolder's report): one stat here, not an exec of its own.
    try:
        record('owner', os.stat(cache).st_uid)
    except OSError:
        pass
    for entry in cache_entries(cache):
        record('entry', entry)
    # Sizing walks every file of the cache: only when asked (around the cold setup).
    if with_bytes:
        record('bytes', tree_bytes(cache))

def project_evidence(project):
    installs, samples, venvs = venv_evidence(project)
    record('project', installs)
    for s in samples:
        # A distribution's name and version have no spaces (PEP 508): the path is the last field.
        record('sample', s['nlink'], 1 if s['symlink'] else 0, s['dist'], s['path'])
    for venv in venvs:
        record('venv', venv)
    for c in config_files(project):
        block('config', c['text'], c['kind'], c['file'])

def ask_evidence(project):
    ask = template_ask(project)
    record('ask')
    for p in ask['pyprojects']:
        block('pyproject', p['text'], p['file'])
    for a in ask['answers']:
        block('answers', a['text'], a['file'])

def ours_hundredths():
    # This exec's time so far, in hundredths of a second from /proc/uptime: from the reap's end when
    # reap.sh ran first (WG_REAPED_AT; a leftover could hold it up before that), else from this
    # process's start (nothing of the project's ran in this worker since our last exec). A
    # WG_REAPED_AT that is not a moment of the last ten minutes is not reap.sh's.
    with open('/proc/uptime') as f:
        now = int(f.read().split()[0].replace('.', ''))
    since = os.environ.get('WG_REAPED_AT', '')
    if since.isdigit() and 0 <= now - int(since) <= 60000:
        return now - int(since)
    with open('/proc/self/stat') as f:
        stat = f.read()
    started = int(stat[stat.rindex(')') + 2:].split()[19])
    return now - started * 100 // os.sysconf('SC_CLK_TCK')

def exec_env():
    # The environment this exec began with, as /proc/self/environ keeps it: Python changes its own
    # at start (a C locale is coerced to LC_CTYPE=C.UTF-8), and the phase must not get that.
    with open('/proc/self/environ', 'rb') as f:
        block = f.read()
    env = {}
    for item in block.split(b'\0'):
        name, sep, value = item.partition(b'=')
        if sep and name != b'WG_REAPED_AT':
            env[name] = value
    return env

def gather(args):
    if args[:1] == ['sync']:
        os.sync()
        args = args[1:]
    if not args or len(args) % 2:
        raise SystemExit('usage: evidence.py [sync] (cache|cache+bytes|project|ask) DIR ... [then CMD ARG...]')
    for what, target in zip(args[0::2], args[1::2]):
        if what in ('cache', 'cache+bytes'):
            cache_listing(target, what == 'cache+bytes')
        elif what == 'project':
            project_evidence(target)
        elif what == 'ask':
            ask_evidence(target)
        else:
            raise SystemExit('evidence.py: unknown request ' + what)

# One Python start for everything a moment needs: after a setup, the cache and the project.
# Arguments: an optional 'sync' (write back what earlier phases left in memory first), then
# pairs of WHAT DIR (cache, cache+bytes, project, ask); the records of each, then 'done'.
# With 'then CMD ARG...' after them, the evidence before a phase, in the phase's exec: the records
# go to stderr, with 'ours HUNDREDTHS' (this exec's time until CMD starts, which is not the
# phase's); then CMD runs in its place with stderr joined to stdout, so nothing of the project's
# holds that stderr. Evidence that cannot be gathered ('failed WHY') never keeps CMD from running.
def main():
    args = sys.argv[1:]
    start = 1 if args[:1] == ['sync'] else 0
    then = None
    for i in range(start, len(args), 2):
        if args[i] == 'then':
            args, then = args[:i], args[i + 1:]
            break
    if then is None:
        gather(args)
        record('done')
        # Bytes, whatever the worker's locale: file names come back as they were on disk.
        sys.stdout.buffer.write(''.join(printed).encode('utf-8', 'surrogateescape'))
        return
    if not then:
        raise SystemExit('evidence.py: then CMD expected')
    # Whatever goes wrong here, the phase still runs: evidence that cannot be gathered is said so.
    env = None
    try:
        env = exec_env()
        try:
            gather(args)
        except BaseException as e:
            record('failed', str(e).replace('\n', ' ').replace('\r', ' ') or type(e).__name__)
        record('ours', ours_hundredths())
        record('done')
        data = ''.join(printed).encode('utf-8', 'surrogateescape')
        while data:
            data = data[os.write(2, data):]
    except BaseException:
        pass
    os.dup2(1, 2)
    # Python ignores SIGPIPE and SIGXFSZ from its start, and an ignored signal stays ignored across
    # exec: the phase gets them back as any exec's command has them.
    import signal
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    if env is None:
        os.environ.pop('WG_REAPED_AT', None)
        os.execvp(then[0], then)
    os.execvpe(then[0], then, env)

main()
