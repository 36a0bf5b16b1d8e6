import { describe, expect, test } from 'vitest';
import { grownPaths } from '../../../src/contract/grown-paths.js';
import { addEntry, emptyListing, type LayerListing } from '../../../src/contract/layer-files.js';
import { analyseWaste } from '../../../src/contract/waste.js';
import { maxWastedBytesCheck, minEfficiencyCheck } from '../../../src/judge/waste.js';
import type { Layer } from '../../../src/model/report.js';

/** A layer from tar entries: `path=size` files, `path/` folders, `.wh.` whiteouts. */
function layer(...entries: string[]): LayerListing {
  const listing = emptyListing();
  for (const entry of entries) {
    if (entry.endsWith('/')) addEntry(listing, entry, 'directory', 0);
    else {
      const [name = '', size = '0'] = entry.split('=');
      addEntry(listing, name, 'file', Number(size));
    }
  }
  return listing;
}

const meta = (...lines: string[]): Layer[] =>
  lines.map((createdBy, i) => ({ createdBy, sizeBytes: 0, dockerfileLine: i + 1 }));

describe('waste from layer listings', () => {
  test('a file deleted later is wasted in the layer that added it; whiteouts hide only lower layers', () => {
    const waste = analyseWaste(
      [layer('usr/', 'usr/bin/python=1000'), layer('opt/big.bin=50000000'), layer('opt/.wh.big.bin')],
      meta(
        'FROM base',
        '/bin/sh -c head -c 50000000 /dev/urandom > /opt/big.bin',
        '/bin/sh -c rm /opt/big.bin',
      ),
      50_001_000,
    );
    expect(waste.wastedBytes).toBe(50_000_000);
    expect(waste.wasters[0]).toMatchObject({
      kind: 'removed',
      path: '/opt/big.bin',
      layer: { index: 1, dockerfileLine: 2 },
      by: { index: 2, dockerfileLine: 3 },
    });
    expect(waste.shippedBytes).toBe(50_001_000);
    expect(waste.finalBytes).toBe(1000);
    expect(waste.efficiencyPercent).toBe(0);
    const check = maxWastedBytesCheck(waste, { kind: 'bytes', bytes: 10_000_000 });
    expect(check).toMatchObject({ status: 'fail', line: 2 });
    expect(check.summary).toContain('/opt/big.bin deleted later');
    expect(minEfficiencyCheck(waste, 90)).toMatchObject({ status: 'fail', line: 2 });
  });

  test('an overwritten file and an opaque folder count; caches left in place are named', () => {
    const waste = analyseWaste(
      [
        layer('etc/app.conf=300', 'srv/data/a=200', 'srv/data/b=100'),
        layer('etc/app.conf=10', 'srv/data/.wh..wh..opq', 'srv/data/c=5'),
        layer('var/lib/apt/lists/deb_Packages=4000', 'var/lib/apt/lists/lock=0', 'root/.cache/pip/x.whl=70'),
      ],
      meta('COPY a', 'COPY b', 'RUN apt-get update'),
      4685,
    );
    const byKind = (kind: string) => waste.wasters.filter((w) => w.kind === kind);
    expect(byKind('overwritten')).toEqual([
      expect.objectContaining({ path: '/etc', sizeBytes: 300, files: 1 }),
    ]);
    expect(byKind('removed')).toEqual([
      expect.objectContaining({ path: '/srv/data', sizeBytes: 300, files: 2 }),
    ]);
    expect(byKind('cache')).toEqual([
      expect.objectContaining({ path: '/var/lib/apt/lists', what: 'apt package lists', sizeBytes: 4000 }),
      expect.objectContaining({ path: '/root/.cache/pip', what: 'pip cache', sizeBytes: 70 }),
    ]);
    expect(waste.wastedBytes).toBe(300 + 300 + 4000 + 70);
    expect(waste.finalBytes).toBe(10 + 5 + 4000 + 70);
    expect(maxWastedBytesCheck(waste, { kind: 'percent', percent: 5 }).status).toBe('fail');
    expect(maxWastedBytesCheck(waste, { kind: 'bytes', bytes: 5000 }).status).toBe('pass');
  });
});

describe('grown paths', () => {
  test('the new package folder is on top; pass-through folders are left out', () => {
    const old = layer('opt/tools/README=10');
    const now = layer(
      'opt/tools/README=10',
      'opt/tools/pip/_internal/a.py=4000',
      'opt/tools/pip/_vendor/b.py=6000',
      'opt/tools/pip-24.dist-info/RECORD=50',
    );
    const paths = grownPaths(now, old);
    expect(paths[0]).toEqual({ path: '/opt/tools/pip', kind: 'folder', deltaBytes: 10_000 });
    expect(paths.map((p) => p.path)).not.toContain('/opt');
    expect(paths.map((p) => p.path)).not.toContain('/opt/tools/README');
    expect(paths.map((p) => p.path)).toContain('/opt/tools/pip/_vendor/b.py');
  });
});
