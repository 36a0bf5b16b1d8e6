// Every contract-side gate family through judge, on measurements written out
// by hand (no Docker): what the probes printed, the cache volume, the image's
// size and layers, the waste, the baseline, which layer added a failed path.
import { describe, expect, test } from 'vitest';
import { BUILD_GATE } from '../../../src/judge/build-failure.js';
import { CACHE_DIR_GATE } from '../../../src/judge/cache-dir.js';
import { COMMAND_GATES } from '../../../src/judge/commands.js';
import {
  contractDrafts,
  layerContentsNeeded,
  pathsToAttribute,
  probeNeeds,
} from '../../../src/judge/draft.js';
import { ENV_LEAKS_GATE } from '../../../src/judge/env-leaks.js';
import type { Gate } from '../../../src/judge/gate.js';
import { GATES } from '../../../src/judge/gates.js';
import { judge } from '../../../src/judge/judge.js';
import { PACKAGE_GATES } from '../../../src/judge/packages.js';
import { PINNED_GATE } from '../../../src/judge/pinned.js';
import { SIZE_GATES } from '../../../src/judge/size.js';
import { USER_GATE } from '../../../src/judge/user.js';
import { UV_VERSION_GATE } from '../../../src/judge/uv-version.js';
import { WASTE_GATES } from '../../../src/judge/waste.js';
import type { MeasuredBaseline } from '../../../src/model/facts/baseline.js';
import type { ContractMeasurements } from '../../../src/model/facts/contract.js';
import type { Measurements } from '../../../src/model/measurements.js';
import { configWith, contractOf, FACTS, view } from './measured.js';

const FILE = 'images/worker/Dockerfile';
const WHO = "the image's user worker (uid 1000)";
const worker = { identity: { uid: 1000, gid: 1000, home: '/home/worker' } };

function measuredOf(contract: ContractMeasurements, extra: Partial<Measurements> = {}): Measurements {
  return { command: 'check', contract, ...extra };
}

/** The checks one gate makes, as [id, status, detail]. */
function verdicts(gate: Gate, measured: Measurements, overrides = {}) {
  return judge(configWith(overrides), measured, [gate]).checks.map((c) => [
    c.check.id,
    c.check.status,
    c.check.detail,
  ]);
}

describe('no contract measured, no contract check', () => {
  test.each(GATES.filter((g) => g !== BUILD_GATE).map((g) => [g.family, g]))('%s', (_, gate) => {
    expect(judge(configWith(), { command: 'e2e' }, [gate])).toEqual({ checks: [], failures: [] });
  });
});

describe('require and forbid-command', () => {
  const contract = contractOf({
    dockerfile: { path: FILE, text: 'FROM x\n', buildArgs: {} },
    views: {
      user: view({
        ...worker,
        versions: [{ name: 'uv', path: '/usr/local/bin/uv', exitCode: 0, output: 'uv 0.9.9\n' }],
      }),
      root: view({ resolved: new Map([['ruff', '/usr/local/bin/ruff']]) }),
    },
    // The engine's history says layer 1 (of 2) holds /usr/local/bin/ruff.
    attribution: { indexOf: new Map([['/usr/local/bin/ruff', 1]]), historyLength: 2 },
  });
  // Only these two forbidden commands: the defaults dropped.
  const config = {
    require: ['uv>=0.9', 'git'],
    'forbid-commands': ['ruff', 'mypy'],
    'default-forbids': 'false',
  };

  test('each command found or not, a forbidden one with the layer that added it', () => {
    expect(verdicts(COMMAND_GATES, measuredOf(contract), config)).toEqual([
      ['require:uv', 'pass', 'uv 0.9.9 at /usr/local/bin/uv, meets >=0.9'],
      ['require:git', 'fail', `git is required but not found on PATH for ${WHO}`],
      [
        'forbid-command:ruff',
        'fail',
        'ruff must not be in the image but is: /usr/local/bin/ruff (on PATH for root), added by layer 1 `RUN pip install ruff` at images/worker/Dockerfile:4',
      ],
      [
        'forbid-command:mypy',
        'pass',
        `mypy is not on PATH for ${WHO} or root, nor in any folder of the image's PATH`,
      ],
    ]);
  });

  test('a failed check points its annotation at the line of the layer that added it', () => {
    const ruff = judge(configWith(config), measuredOf(contract), [COMMAND_GATES]).checks[2];
    expect(ruff?.annotate).toEqual({ file: FILE, line: 4 });
    expect(ruff?.check.found).toEqual([
      {
        path: '/usr/local/bin/ruff',
        layer: { index: 1, createdBy: '/bin/sh -c pip install ruff', dockerfileLine: 4 },
      },
    ]);
  });

  test('skipped by id or by family', () => {
    expect(
      verdicts(COMMAND_GATES, measuredOf(contract), {
        ...config,
        'skip-checks': ['require:git', 'forbid-command'],
      }),
    ).toEqual([['require:uv', 'pass', 'uv 0.9.9 at /usr/local/bin/uv, meets >=0.9']]);
  });

  test('only the failed drafts ask for layers, once per path', () => {
    const drafts = contractDrafts(configWith(config), measuredOf(contract) as never, [
      COMMAND_GATES,
      COMMAND_GATES,
    ]);
    expect(pathsToAttribute(drafts)).toEqual(['/usr/local/bin/ruff']);
  });
});

describe('what the contract gates ask the stage to measure', () => {
  test('the probes: the required and forbidden commands and the cache volume of the checks that are on', () => {
    expect(
      probeNeeds(
        configWith({ require: ['uv>=0.9', 'git'], 'forbid-commands': ['ruff'], 'default-forbids': 'false' }),
        GATES,
      ),
    ).toEqual({
      require: ['uv', 'git'],
      forbidCommands: ['ruff'],
      cacheVolume: true,
    });
    const skipping = configWith({
      require: ['uv', 'git'],
      'forbid-commands': ['ruff'],
      'default-forbids': 'false',
      'skip-checks': ['require:git', 'forbid-command', 'cache-dir-writable'],
    });
    expect(probeNeeds(skipping, GATES)).toEqual({ require: ['uv'], forbidCommands: [], cacheVolume: false });
  });
});

describe('forbid-package', () => {
  const site = { kind: 'global' as const, path: '/usr/lib/python3/site-packages' };
  const contract = contractOf({
    views: {
      user: view(worker),
      root: view({
        sites: [site],
        metadata: [
          {
            file: '/usr/lib/python3/site-packages/pytest-8.0.0.dist-info/METADATA',
            site,
            headers: ['Metadata-Version: 2.1', 'Name: pytest', 'Version: 8.0.0'],
          },
        ],
      }),
    },
  });

  test('installed: fails, saying nothing needs it; not installed: passes, naming the sites', () => {
    expect(
      verdicts(PACKAGE_GATES, measuredOf(contract), {
        'forbid-packages': ['PyTest', 'mypy'],
        'default-forbids': 'false',
      }),
    ).toEqual([
      [
        'forbid-package:pytest',
        'fail',
        'pytest must not be installed but is: pytest 8.0.0 at /usr/lib/python3/site-packages/pytest-8.0.0.dist-info, stands alone: nothing installed needs it',
      ],
      [
        'forbid-package:mypy',
        'pass',
        "mypy is not installed in any site-packages found (global, the user's, venvs on PATH): /usr/lib/python3/site-packages",
      ],
    ]);
  });

  test('allowed with a reason: passes with the reason', () => {
    expect(
      verdicts(PACKAGE_GATES, measuredOf(contract), {
        'forbid-packages': ['pytest'],
        'default-forbids': 'false',
        'allow-packages': ['pytest=the image runs its own tests'],
      }),
    ).toEqual([
      [
        'forbid-package:pytest',
        'pass',
        'pytest is installed and allowed (the image runs its own tests): pytest 8.0.0 at /usr/lib/python3/site-packages/pytest-8.0.0.dist-info, stands alone: nothing installed needs it',
      ],
    ]);
  });
});

describe('non-root-user', () => {
  test('the uid the image runs as decides, and a failure points at the last USER line', () => {
    expect(verdicts(USER_GATE, measuredOf(contractOf()))).toEqual([
      ['non-root-user', 'pass', 'the image runs as worker (uid 1000)'],
    ]);
    const root = contractOf({
      facts: { ...FACTS, user: 'toor' },
      views: { user: view({ identity: { uid: 0, gid: 0, home: '/root' } }), root: view() },
      dockerfile: { path: FILE, text: 'FROM x\nUSER worker\nRUN true\nUSER toor\n', buildArgs: {} },
    });
    const [check] = judge(configWith(), measuredOf(root), [USER_GATE]).checks;
    expect(check).toEqual({
      check: {
        id: 'non-root-user',
        status: 'fail',
        detail: "the image runs as toor (uid 0): set a non-root USER (workers run as the image's user)",
      },
      annotate: { file: FILE, line: 4 },
    });
    expect(verdicts(USER_GATE, measuredOf(root), { 'skip-checks': ['non-root-user'] })).toEqual([]);
  });
});

describe('cache-dir-writable', () => {
  const volume = {
    dir: '/home/worker/.cache/uv',
    outcome: 'ok' as const,
    uid: 1000,
    ownerUid: 1000,
    ownerGid: 1000,
    mode: 'drwxr-xr-x',
  };

  test('written and deleted: passes, naming the owner', () => {
    expect(verdicts(CACHE_DIR_GATE, measuredOf(contractOf({ volume })))).toEqual([
      [
        'cache-dir-writable',
        'pass',
        `${WHO} created and deleted a file in /home/worker/.cache/uv with a fresh volume mounted there; the folder is owned by uid 1000:1000 (drwxr-xr-x)`,
      ],
    ]);
  });

  test('a folder root owns: fails, naming the layer that made it', () => {
    const contract = contractOf({
      volume: { ...volume, outcome: 'cannot-create', ownerUid: 0, ownerGid: 0 },
      views: {
        user: view({ ...worker, cacheDir: { path: '/home/worker/.cache/uv', present: true } }),
        root: view(),
      },
      attribution: { indexOf: new Map([['/home/worker/.cache/uv', 1]]), historyLength: 2 },
    });
    expect(verdicts(CACHE_DIR_GATE, measuredOf(contract))).toEqual([
      [
        'cache-dir-writable',
        'fail',
        `${WHO} cannot create a file in /home/worker/.cache/uv with a fresh volume mounted there: the folder is owned by uid 0:0 (drwxr-xr-x), not by the user: chown it to the user in the image, added by layer 1 \`RUN pip install ruff\` at Dockerfile:4`,
      ],
    ]);
  });

  test('no volume probed (the check skipped): no check', () => {
    expect(verdicts(CACHE_DIR_GATE, measuredOf(contractOf()))).toEqual([]);
  });
});

describe('env-leaks', () => {
  test('a variable that reaches every project warns with its value; none, no check', () => {
    const leaky = contractOf({ facts: { ...FACTS, env: { ...FACTS.env, PYTHONPATH: '/opt/lib' } } });
    expect(verdicts(ENV_LEAKS_GATE, measuredOf(leaky))).toEqual([
      [
        'env-leaks',
        'warn',
        "the image sets PYTHONPATH=/opt/lib: every project's tools in every worker get it; if the worker manager removes it for agents, run the e2e the same way (--unset-env PYTHONPATH)",
      ],
    ]);
    expect(verdicts(ENV_LEAKS_GATE, measuredOf(contractOf()))).toEqual([]);
  });
});

describe('max-image-size and max-size-increase', () => {
  const compared = {
    source: 'image' as const,
    image: { ref: 'base:1', sizeBytes: 150_000_000 },
    sizeDeltaBytes: 50_000_000,
    sizeDeltaPercent: 33.33,
    grownLayers: [
      { createdBy: '/bin/sh -c pip install ruff', dockerfileLine: 4, deltaBytes: 50_000_000, index: 1 },
    ],
  };
  const baseline: MeasuredBaseline = {
    image: { source: 'image', ref: 'base:1', sizeBytes: 150_000_000, layers: [] },
    compared,
  };

  test('over the budget: both figures and the largest layers', () => {
    expect(verdicts(SIZE_GATES, measuredOf(contractOf()), { 'max-image-size': '150MB' })).toEqual([
      [
        'max-image-size',
        'fail',
        'the image is 200.0 MB (200,000,000 B), over max-image-size 150.0 MB (150,000,000 B) by 50.0 MB (50,000,000 B); largest layers: 120.0 MB (120,000,000 B) `RUN import`; 80.0 MB (80,000,000 B) `RUN pip install ruff` at Dockerfile:4',
      ],
    ]);
  });

  test('grown against the baseline beyond the limit: fails at the line of the layer that grew most', () => {
    const [check] = judge(
      configWith({ 'max-size-increase': '10%' }),
      measuredOf(contractOf(), { baseline }),
      [SIZE_GATES],
    ).checks;
    expect(check?.check).toEqual({
      id: 'max-size-increase',
      status: 'fail',
      detail:
        'the image grew by +50.0 MB (50,000,000 B), +33.3 %, against base:1 at 150.0 MB (150,000,000 B), over max-size-increase 10 %; layers that grew: +50.0 MB (50,000,000 B) `RUN pip install ruff` at Dockerfile:4',
    });
  });

  test('max-size-increase with no baseline warns', () => {
    expect(verdicts(SIZE_GATES, measuredOf(contractOf()), { 'max-size-increase': '10%' })).toEqual([
      [
        'max-size-increase',
        'warn',
        'max-size-increase is set but there is no baseline to compare with (baseline-image, baseline-ref or baseline-report)',
      ],
    ]);
  });

  test('neither set: no check', () => {
    expect(verdicts(SIZE_GATES, measuredOf(contractOf()))).toEqual([]);
  });
});

describe('what the contract gates ask the pipeline to read from the layer archives', () => {
  const needs = (overrides: Record<string, unknown>, extra: Partial<Measurements> = {}) =>
    layerContentsNeeded(configWith(overrides), measuredOf(contractOf(), extra) as never, GATES);

  test('nothing for an image whose sizes pass and no waste gate set: a passing image stays fast', () => {
    expect(needs({})).toBe(false);
    expect(needs({ 'max-image-size': '1GB' })).toBe(false);
  });

  test('a size gate that failed asks for them (the paths that grew), a skipped one does not', () => {
    expect(needs({ 'max-image-size': '150MB' })).toBe(true);
    expect(needs({ 'max-image-size': '150MB', 'skip-checks': ['max-image-size'] })).toBe(false);
  });

  test('a waste gate asks for them whenever it is set', () => {
    expect(needs({ 'max-wasted-bytes': '10MB' })).toBe(true);
    expect(needs({ 'min-efficiency': '90%' })).toBe(true);
    expect(needs({ 'min-efficiency': '90%', 'skip-checks': ['min-efficiency'] })).toBe(false);
  });
});

describe('pinned-images', () => {
  const contract = contractOf({
    dockerfile: {
      path: FILE,
      text: 'FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\n',
      buildArgs: {},
    },
  });

  test('an unpinned image warns, or fails with require-pinned-images, at its line', () => {
    const detail =
      'images the Dockerfile uses are not pinned to an exact tag or digest (a warning; require-pinned-images makes it fail): COPY --from ghcr.io/astral-sh/uv at line 2 has no tag (means latest)';
    expect(verdicts(PINNED_GATE, measuredOf(contract))).toEqual([['pinned-images', 'warn', detail]]);
    const [failed] = judge(configWith({ 'require-pinned-images': 'true' }), measuredOf(contract), [
      PINNED_GATE,
    ]).checks;
    expect(failed?.check.status).toBe('fail');
    expect(failed?.annotate).toEqual({ file: FILE, line: 2 });
  });

  test('no Dockerfile: no check', () => {
    expect(verdicts(PINNED_GATE, measuredOf(contractOf()))).toEqual([]);
  });
});

describe('max-wasted-bytes and min-efficiency', () => {
  const waste = {
    shippedBytes: 250_000_000,
    finalBytes: 200_000_000,
    wastedBytes: 50_000_000,
    wastedPercent: 25,
    efficiencyPercent: 80,
    wasters: [
      {
        kind: 'removed' as const,
        path: '/opt/big.bin',
        sizeBytes: 50_000_000,
        files: 1,
        layer: { index: 1, createdBy: '/bin/sh -c pip install ruff', dockerfileLine: 4 },
        by: { index: 2, createdBy: '/bin/sh -c rm /opt/big.bin', dockerfileLine: 5 },
      },
    ],
  };

  test('the waste read from the layers against each limit set', () => {
    expect(
      verdicts(WASTE_GATES, measuredOf(contractOf({ waste })), {
        'max-wasted-bytes': '10MB',
        'min-efficiency': '75%',
      }),
    ).toEqual([
      [
        'max-wasted-bytes',
        'fail',
        'the layers waste 50.0 MB (50,000,000 B) (25 % of the image), over max-wasted-bytes 10.0 MB (10,000,000 B); largest: 50.0 MB (50,000,000 B): /opt/big.bin deleted later, shipped in `RUN pip install ruff` at Dockerfile:4 (by `RUN rm /opt/big.bin` at Dockerfile:5)',
      ],
      [
        'min-efficiency',
        'pass',
        'the image is 80 % efficient (200.0 MB (200,000,000 B) of the 250.0 MB (250,000,000 B) the layers ship reach the final filesystem), within min-efficiency 75 %',
      ],
    ]);
  });

  test('no waste read: no check, even with a limit set', () => {
    expect(verdicts(WASTE_GATES, measuredOf(contractOf()), { 'max-wasted-bytes': '10MB' })).toEqual([]);
  });
});

describe('uv-version-change', () => {
  const compared = {
    source: 'ref' as const,
    ref: 'main',
    image: { ref: 'worker-gate-baseline/worker:run', sizeBytes: 1 },
    sizeDeltaBytes: 0,
    sizeDeltaPercent: 0,
    grownLayers: [],
  };
  const measured = (baselineUv: string): Measurements => ({
    command: 'verify',
    image: { uvVersion: '0.9.9' } as Measurements['image'],
    contract: contractOf(),
    baseline: {
      image: {
        source: 'ref',
        origin: 'main',
        ref: 'worker-gate-baseline/worker:run',
        sizeBytes: 1,
        layers: [],
      },
      compared,
      uvVersion: baselineUv,
    },
  });

  test('a different uv in the baseline warns, naming both; the same, no check', () => {
    expect(verdicts(UV_VERSION_GATE, measured('0.8.0'))).toEqual([
      [
        'uv-version-change',
        'warn',
        "the image has uv 0.9.9, the baseline (main) uv 0.8.0: during the rollout workers of both versions share one uv cache, where an older uv may refuse or rebuild a newer one's entries; run the e2e with concurrent-workers and the baseline to exercise the mixed cache",
      ],
    ]);
    expect(verdicts(UV_VERSION_GATE, measured('0.9.9'))).toEqual([]);
    expect(verdicts(UV_VERSION_GATE, measured('0.8.0'), { 'skip-checks': ['uv-version-change'] })).toEqual(
      [],
    );
  });
});

describe('build', () => {
  test('a build that failed is the one failure', () => {
    const failure = { gate: 'build', message: 'RUN false exited 1', file: FILE, line: 3 };
    expect(judge(configWith(), { command: 'verify', buildFailure: failure }, [BUILD_GATE])).toEqual({
      checks: [],
      failures: [failure],
    });
  });
});
