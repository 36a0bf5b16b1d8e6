// The contract finds Python tools left in an image, wherever they were put
// (pip into /usr/local, Debian's packages, the worker's own ~/.local), says
// which layer put them there, and tells a leftover from a dependency.
import { beforeAll, describe, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import type { Finding } from '../../src/model/report.js';
import { buildFixture, contractOptions, runContractChecked } from './helpers.js';
import { SLIM_IMAGE } from './images.js';

let engine: Engine;

beforeAll(async () => {
  engine = await connectEngine();
});

function lineOf(text: string, start: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(start));
  if (index < 0) throw new Error(`no line starting with ${start}`);
  return index + 1;
}

const SITE = '/usr/local/lib/python3.12/site-packages';

describe('the old image: the tools installed globally with pip', () => {
  test('fails, naming each package and command with its path and the pip layer', async () => {
    const fixture = await buildFixture(engine, 'fat');
    const pipLine = lineOf(fixture.dockerfile.text, 'RUN pip install');
    const { byId, report } = await runContractChecked(
      engine,
      fixture.ref,
      contractOptions(),
      fixture.dockerfile,
    );
    const packages = ['ruff', 'xenon', 'pytest', 'pytest-cov', 'mypy', 'pyyaml', 'jinja2', 'copier'];
    for (const name of packages) {
      const entry = byId.get(`forbid-package:${name}`);
      expect(entry?.check.status, name).toBe('fail');
      const [found] = entry?.check.found ?? [];
      expect(found?.path, name).toMatch(
        new RegExp(`^${SITE}/${name.replace('-', '_')}-[^/]+\\.dist-info$`, 'i'),
      );
      expect(found?.layer?.dockerfileLine, name).toBe(pipLine);
      expect(found?.layer?.createdBy, name).toContain('pip install');
      expect(entry?.check.detail, name).toContain(`at ${found?.path}`);
      expect(entry?.annotate?.line, name).toBe(pipLine);
    }
    for (const name of ['ruff', 'pytest', 'py.test', 'mypy', 'xenon', 'copier']) {
      const found = byId.get(`forbid-command:${name}`)?.check.found;
      expect(found, name).toEqual([
        { path: `/usr/local/bin/${name}`, layer: expect.objectContaining({ dockerfileLine: pipLine }) },
      ]);
    }
    // PyYAML came with xenon and copier: it is reported as needed by them, each marked forbidden.
    const pyyaml = byId.get('forbid-package:pyyaml')?.check;
    expect(pyyaml?.found?.[0]?.requiredBy).toEqual(expect.arrayContaining(['copier', 'xenon']));
    expect(pyyaml?.detail).toMatch(/copier [\d.]+ \(itself forbidden\)/);
    expect(byId.get('forbid-package:ruff')?.check.detail).toContain('stands alone');
    expect(report.verdict).toBe('fail');
  });

  test('against the slim image as baseline: the size delta and the pip layer as the one that grew', async () => {
    const fixture = await buildFixture(engine, 'fat');
    const { result, byId } = await runContractChecked(
      engine,
      fixture.ref,
      contractOptions({
        'baseline-image': SLIM_IMAGE,
        'max-size-increase': '10MB',
        'skip-checks': ['forbid-package', 'forbid-command'],
      }),
      fixture.dockerfile,
    );
    expect(result.baseline?.source).toBe('image');
    expect(result.baseline?.sizeDeltaBytes).toBeGreaterThan(10_000_000);
    expect(result.baseline?.grownLayers[0]?.dockerfileLine).toBe(
      lineOf(fixture.dockerfile.text, 'RUN pip install'),
    );
    const check = byId.get('max-size-increase')?.check;
    expect(check?.status).toBe('fail');
    expect(check?.detail).toContain('over max-size-increase 10.0 MB (10,000,000 B)');
  });
});

describe('where a tool came from', () => {
  test('of two pip layers, the second (the one that installed ruff) is named', async () => {
    const fixture = await buildFixture(engine, 'two-pip');
    const second = lineOf(
      fixture.dockerfile.text,
      'RUN pip install --no-cache-dir --disable-pip-version-check --root-user-action=ignore ruff',
    );
    const first = lineOf(
      fixture.dockerfile.text,
      'RUN pip install --no-cache-dir --disable-pip-version-check --root-user-action=ignore idna',
    );
    expect(second).toBeGreaterThan(first);
    const { byId } = await runContractChecked(engine, fixture.ref, contractOptions(), fixture.dockerfile);
    const ruff = byId.get('forbid-package:ruff')?.check;
    expect(ruff?.status).toBe('fail');
    expect(ruff?.found?.[0]?.layer?.dockerfileLine).toBe(second);
    expect(ruff?.found?.[0]?.layer?.createdBy).toMatch(/pip install .*ruff$/);
    expect(byId.get('forbid-command:ruff')?.check.found?.[0]?.layer?.dockerfileLine).toBe(second);
  });

  test("pytest from Debian's packages (python3-pytest) is caught", async () => {
    const fixture = await buildFixture(engine, 'debian-pytest');
    const aptLine = lineOf(fixture.dockerfile.text, 'RUN apt-get update');
    const { byId } = await runContractChecked(engine, fixture.ref, contractOptions(), fixture.dockerfile);
    const pkg = byId.get('forbid-package:pytest')?.check;
    expect(pkg?.status).toBe('fail');
    expect(pkg?.found?.[0]?.path).toMatch(
      /^\/usr\/lib\/python3\/dist-packages\/pytest-[\d.]+\.(dist|egg)-info$/,
    );
    expect(pkg?.found?.[0]?.layer?.dockerfileLine).toBe(aptLine);
    const cmd = byId.get('forbid-command:pytest')?.check;
    expect(cmd?.status).toBe('fail');
    expect(cmd?.found?.map((f: Finding) => f.path)).toContain('/usr/bin/pytest');
  });

  test("a tool installed for the worker only, in ~/.local/bin on the worker's PATH, is caught", async () => {
    const fixture = await buildFixture(engine, 'user-local-tool');
    const { byId } = await runContractChecked(engine, fixture.ref, contractOptions(), fixture.dockerfile);
    const cmd = byId.get('forbid-command:ruff')?.check;
    expect(cmd?.status).toBe('fail');
    expect(cmd?.found?.[0]?.path).toBe('/home/worker/.local/bin/ruff');
    expect(cmd?.detail).toContain("on PATH for the image's user worker (uid 1000)");
    const pkg = byId.get('forbid-package:ruff')?.check;
    expect(pkg?.status).toBe('fail');
    expect(pkg?.found?.[0]?.path).toMatch(/^\/home\/worker\/\.local\/lib\/python3\.12\/site-packages\/ruff-/);
  });
});

describe('a package something else needs', () => {
  test('pyyaml is reported as required by the local wrapper, and passes once allowed with a reason', async () => {
    const fixture = await buildFixture(engine, 'local-package');
    const failed = await runContractChecked(engine, fixture.ref, contractOptions(), fixture.dockerfile);
    const check = failed.byId.get('forbid-package:pyyaml')?.check;
    expect(check?.status).toBe('fail');
    expect(check?.found?.[0]?.requiredBy).toEqual(['yaml-wrapper']);
    expect(check?.detail).toContain('required by yaml-wrapper 1.0.0');
    // The wrapper's optional [test] extra names pytest: an extra does not make pytest needed, nor installed.
    expect(failed.byId.get('forbid-package:pytest')?.check.status).toBe('pass');

    const reason = 'the wrapper reads its config with PyYAML';
    const allowed = await runContractChecked(
      engine,
      fixture.ref,
      contractOptions({ 'allow-packages': [`PyYAML=${reason}`] }),
      fixture.dockerfile,
    );
    const ok = allowed.byId.get('forbid-package:pyyaml')?.check;
    expect(ok?.status).toBe('pass');
    expect(ok?.found?.[0]).toMatchObject({ allowedReason: reason, requiredBy: ['yaml-wrapper'] });
    expect(ok?.detail).toContain(reason);
    expect(allowed.report.verdict).toBe('pass');
  });
});
