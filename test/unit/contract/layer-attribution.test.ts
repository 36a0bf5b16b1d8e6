import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { describe, expect, test } from 'vitest';
import {
  historyIndexOf,
  newTouch,
  scanSave,
  topmostLayer,
  touchEntry,
} from '../../../src/contract/layer-attribution.js';

type Entry = {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
};

async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const e of entries) {
    const header = { name: e.name, type: e.type ?? 'file', ...(e.linkname ? { linkname: e.linkname } : {}) };
    if (header.type === 'file') pack.entry(header, e.content ?? '');
    else pack.entry(header);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('touchEntry and topmostLayer', () => {
  const wanted = ['/usr/local/bin/ruff', '/opt/app/old', '/site/pkg-1.0.dist-info'];

  function layer(...names: string[]) {
    const touch = newTouch();
    for (const name of names) touchEntry(name, wanted, touch);
    return touch;
  }

  test('the topmost layer holding a path wins, folders count by their contents', () => {
    const layers = [
      layer('usr/local/bin/ruff', 'site/pkg-1.0.dist-info/METADATA'),
      layer('usr/', 'usr/local/', 'usr/local/bin/'),
      layer('./usr/local/bin/ruff'),
    ];
    expect(topmostLayer(layers, '/usr/local/bin/ruff')).toBe(2);
    expect(topmostLayer(layers, '/site/pkg-1.0.dist-info')).toBe(0);
    expect(topmostLayer(layers, '/opt/app/old')).toBeUndefined();
  });

  test('a whiteout above stops the search; a parent folder whited out counts too', () => {
    expect(
      topmostLayer([layer('usr/local/bin/ruff'), layer('usr/local/bin/.wh.ruff')], '/usr/local/bin/ruff'),
    ).toBeUndefined();
    expect(
      topmostLayer([layer('usr/local/bin/ruff'), layer('usr/local/.wh.bin')], '/usr/local/bin/ruff'),
    ).toBeUndefined();
    expect(
      topmostLayer([layer('usr/local/bin/ruff'), layer('usr/local/bin/.wh.ruffx')], '/usr/local/bin/ruff'),
    ).toBe(0);
  });

  test('an opaque folder hides what lower layers put in it, not what its own layer adds', () => {
    const layers = [layer('opt/app/old'), layer('opt/app/.wh..wh..opq')];
    expect(topmostLayer(layers, '/opt/app/old')).toBeUndefined();
    const readded = [layer('opt/app/old'), layer('opt/app/.wh..wh..opq', 'opt/app/old')];
    expect(topmostLayer(readded, '/opt/app/old')).toBe(1);
  });
});

describe('scanSave on a synthetic docker save archive', () => {
  test('maps layers to history entries, skipping empty layers, following linked layers', async () => {
    const base = await tarOf([
      { name: 'usr/', type: 'directory' },
      { name: 'usr/bin/python3', content: 'x' },
    ]);
    const pipA = await tarOf([
      { name: 'usr/local/lib/python3.12/site-packages/idna-3.10.dist-info/METADATA', content: 'Name: idna' },
    ]);
    const pipB = await tarOf([
      { name: 'usr/local/bin/ruff', content: 'elf' },
      { name: 'usr/local/lib/python3.12/site-packages/ruff-0.6.dist-info/METADATA', content: 'Name: ruff' },
    ]);
    const config = {
      history: [
        { created_by: 'import' },
        { created_by: '/bin/sh -c #(nop)  ENV A=1', empty_layer: true },
        { created_by: '/bin/sh -c pip install idna' },
        { created_by: '/bin/sh -c #(nop)  USER worker', empty_layer: true },
        { created_by: '/bin/sh -c pip install ruff' },
        { created_by: '/bin/sh -c true' },
      ],
    };
    const manifest = [
      { Config: 'cfg.json', Layers: ['a/layer.tar', 'b/layer.tar', 'c/layer.tar', 'd/layer.tar'] },
    ];
    const save = await tarOf([
      { name: 'a/', type: 'directory' },
      { name: 'a/layer.tar', content: base },
      { name: 'b/layer.tar', content: pipA },
      { name: 'c/layer.tar', content: pipB },
      // A layer whose diff equals an earlier one is saved once and linked, as the engine does.
      { name: 'd/layer.tar', type: 'symlink', linkname: '../b/layer.tar' },
      { name: 'cfg.json', content: JSON.stringify(config) },
      { name: 'manifest.json', content: JSON.stringify(manifest) },
    ]);
    const wanted = [
      '/usr/local/bin/ruff',
      '/usr/local/lib/python3.12/site-packages/ruff-0.6.dist-info',
      '/usr/local/lib/python3.12/site-packages/idna-3.10.dist-info',
      '/etc/nothing',
    ];
    const scan = await scanSave(Readable.from([save]), wanted);
    expect(scan.history.map((h) => (h ? 'layer' : 'empty'))).toEqual([
      'layer',
      'empty',
      'layer',
      'empty',
      'layer',
      'layer',
    ]);
    expect(historyIndexOf(scan, '/usr/local/bin/ruff')).toBe(4);
    expect(historyIndexOf(scan, '/usr/local/lib/python3.12/site-packages/ruff-0.6.dist-info')).toBe(4);
    // The linked copy of the idna layer sits on top: it is the topmost holder.
    expect(historyIndexOf(scan, '/usr/local/lib/python3.12/site-packages/idna-3.10.dist-info')).toBe(5);
    expect(historyIndexOf(scan, '/etc/nothing')).toBeUndefined();
  });

  test('reads the OCI layout of newer engines (blobs named by digest, manifest first)', async () => {
    const layer = await tarOf([{ name: 'usr/local/bin/mypy', content: 'x' }]);
    const config = { history: [{ created_by: 'RUN pip install mypy' }] };
    const save = await tarOf([
      {
        name: 'manifest.json',
        content: JSON.stringify([{ Config: 'blobs/sha256/c0', Layers: ['blobs/sha256/l1'] }]),
      },
      { name: 'blobs/sha256/c0', content: JSON.stringify(config) },
      { name: 'blobs/sha256/l1', content: layer },
    ]);
    const scan = await scanSave(Readable.from([save]), ['/usr/local/bin/mypy']);
    expect(historyIndexOf(scan, '/usr/local/bin/mypy')).toBe(0);
  });

  test('an archive with no manifest is an error that says so', async () => {
    const save = await tarOf([{ name: 'x/layer.tar', content: await tarOf([{ name: 'a' }]) }]);
    await expect(scanSave(Readable.from([save]), ['/a'])).rejects.toThrow(/no manifest\.json/);
  });
});
