// Which layer put a path into the image, from the layers' contents: the
// topmost layer whose files hold the path (the path itself or anything under
// it), stopping at a layer that deleted it (a whiteout). Never from the text
// of the instructions. Read from `docker save` (the engine's image export),
// and only when something failed, so a passing image never pays for it.
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import type { Engine } from '../docker/engine-api.js';
import { InfraError } from '../model/errors.js';
import type { Attribution } from '../model/facts/contract.js';

/** What one layer's file list says about the paths asked for. */
export interface LayerTouch {
  holds: Set<string>;
  removes: Set<string>;
}

export function newTouch(): LayerTouch {
  return { holds: new Set(), removes: new Set() };
}

/** `./usr/bin/x/` → `/usr/bin/x` */
export function absoluteEntryPath(name: string): string {
  const trimmed = name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return `/${trimmed}`;
}

const under = (path: string, dir: string): boolean => path.startsWith(dir === '/' ? '/' : `${dir}/`);

/** Record what one layer entry means for each wanted path (overlay whiteouts as the OCI spec writes them). */
export function touchEntry(entryName: string, wanted: readonly string[], touch: LayerTouch): void {
  const path = absoluteEntryPath(entryName);
  const slash = path.lastIndexOf('/');
  const dir = slash <= 0 ? '/' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === '.wh..wh..opq') {
    // An opaque folder hides everything the layers below put inside it.
    for (const p of wanted) if (under(p, dir)) touch.removes.add(p);
  } else if (base.startsWith('.wh.')) {
    const deleted = `${dir === '/' ? '' : dir}/${base.slice(4)}`;
    for (const p of wanted) if (p === deleted || under(p, deleted)) touch.removes.add(p);
  } else {
    for (const p of wanted) if (path === p || under(path, p)) touch.holds.add(p);
  }
}

/** Index (oldest first) of the topmost layer holding `path`, or undefined. */
export function topmostLayer(touches: readonly LayerTouch[], path: string): number | undefined {
  for (let i = touches.length - 1; i >= 0; i--) {
    const touch = touches[i];
    if (touch?.holds.has(path)) return i;
    if (touch?.removes.has(path)) return undefined;
  }
  return undefined;
}

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) {
    // discard
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The file list of one layer tar, matched against the wanted paths. */
export async function scanLayerTar(source: Readable, wanted: readonly string[]): Promise<LayerTouch> {
  const touch = newTouch();
  const extract = tarStream.extract();
  source.pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    touchEntry(entry.header.name, wanted, touch);
    await drain(entry as unknown as Readable);
  }
  return touch;
}

interface SaveManifest {
  Config: string;
  Layers: string[];
}

interface ImageConfig {
  history?: { created_by?: string; empty_layer?: boolean }[];
}

/** Per history entry of the image config (oldest first): which wanted paths its layer touched. */
export interface SaveScan {
  /** One per history entry; undefined for entries with no layer (`empty_layer`). */
  history: (LayerTouch | undefined)[];
}

// Small entries are buffered whole: JSON (manifest, config) is told from a
// layer tar by its first byte, which also covers the OCI layout of newer
// engines (blobs/sha256/<digest>, layers and configs alike).
const SMALL = 4 * 1024 * 1024;

/** Read a `docker save` archive once, matching every layer's files against the wanted paths. */
export async function scanSave(save: Readable, wanted: readonly string[]): Promise<SaveScan> {
  return readSave(save, (layer) => scanLayerTar(layer, wanted), newTouch);
}

/**
 * Read a `docker save` archive once, each layer tar through `readLayer`, and
 * line the results up with the image's history (oldest first; undefined for
 * entries with no layer).
 */
export async function readSave<T>(
  save: Readable,
  readLayer: (layer: Readable) => Promise<T>,
  empty: () => T,
): Promise<{ history: (T | undefined)[] }> {
  const touches = new Map<string, T>();
  const links = new Map<string, string>();
  const json = new Map<string, string>();
  const extract = tarStream.extract();
  save.pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    const { name, type, size, linkname } = entry.header;
    const stream = entry as unknown as Readable;
    if (type === 'symlink' && linkname) {
      // The engine links a layer it saved twice to its first copy.
      links.set(name, posix.join(posix.dirname(name), linkname));
      await drain(stream);
    } else if (type !== 'file' && type !== 'contiguous-file') {
      await drain(stream);
    } else if ((size ?? 0) <= SMALL) {
      const content = await readAll(stream);
      if (content[0] === 0x7b /* { */ || content[0] === 0x5b /* [ */)
        json.set(name, content.toString('utf8'));
      else if (name.endsWith('.tar') || name.startsWith('blobs/')) {
        touches.set(name, await readLayer(Readable.from([content])));
      }
    } else {
      touches.set(name, await readLayer(stream));
    }
  }
  return alignToHistory(json, touches, links, empty);
}

function alignToHistory<T>(
  json: Map<string, string>,
  touches: Map<string, T>,
  links: Map<string, string>,
  empty: () => T,
): { history: (T | undefined)[] } {
  const manifestText = json.get('manifest.json');
  if (!manifestText) throw new InfraError('the image export (docker save) has no manifest.json');
  const manifest = (JSON.parse(manifestText) as SaveManifest[])[0];
  if (!manifest) throw new InfraError('the image export (docker save) lists no image in manifest.json');
  const configText = json.get(manifest.Config);
  const config = configText ? (JSON.parse(configText) as ImageConfig) : {};
  const layerTouches = manifest.Layers.map((layer) => touches.get(links.get(layer) ?? layer) ?? empty());
  const history = config.history ?? [];
  if (history.length === 0) return { history: layerTouches };
  // Layers in the manifest are the history entries that are not empty_layer, in order.
  const out: (T | undefined)[] = [];
  let next = 0;
  for (const entry of history) {
    out.push(entry.empty_layer ? undefined : layerTouches[next++]);
  }
  return { history: out };
}

/** Index (oldest first, into the image's history) of the topmost layer holding `path`. */
export function historyIndexOf(scan: SaveScan, path: string): number | undefined {
  const present = scan.history.flatMap((touch, index) => (touch ? [{ touch, index }] : []));
  const top = topmostLayer(
    present.map((p) => p.touch),
    path,
  );
  return top === undefined ? undefined : present[top]?.index;
}

/** Export the image once and attribute every path; a path no layer holds maps to nothing. */
export async function attributePaths(
  engine: Engine,
  imageRef: string,
  paths: readonly string[],
): Promise<Attribution> {
  const indexOf = new Map<string, number>();
  if (paths.length === 0) return { indexOf, historyLength: 0 };
  let save: Readable;
  try {
    save = await engine.images.export(imageRef);
  } catch (err) {
    throw new InfraError(
      `cannot export image ${imageRef} to find which layer added what failed`,
      err instanceof Error ? err.message : String(err),
    );
  }
  const scan = await scanSave(save, paths);
  for (const path of paths) {
    const index = historyIndexOf(scan, path);
    if (index !== undefined) indexOf.set(path, index);
  }
  return { indexOf, historyLength: scan.history.length };
}
