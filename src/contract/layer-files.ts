// Every layer's file list with sizes, from one `docker save` of the image:
// what the waste analysis and the grown-paths comparison read. Only the tar
// headers are kept (paths, sizes, whiteouts), never file contents.
import type { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import type { Engine } from '../docker/engine-api.js';
import { InfraError } from '../model/errors.js';
import { absoluteEntryPath, readSave } from './layer-attribution.js';

export interface LayerListing {
  /** Absolute path → bytes, for every non-folder entry (links count 0). */
  files: Map<string, number>;
  /** Paths this layer deletes from the layers below (`.wh.NAME`). */
  removes: string[];
  /** Folders this layer makes opaque (`.wh..wh..opq`): everything below them in lower layers is hidden. */
  opaque: string[];
}

export function emptyListing(): LayerListing {
  return { files: new Map(), removes: [], opaque: [] };
}

/** One tar entry into the listing (overlay whiteouts as the OCI image spec writes them). */
export function addEntry(
  listing: LayerListing,
  name: string,
  type: string | null | undefined,
  size: number,
): void {
  const path = absoluteEntryPath(name);
  const slash = path.lastIndexOf('/');
  const dir = slash <= 0 ? '/' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === '.wh..wh..opq') listing.opaque.push(dir);
  else if (base.startsWith('.wh.')) listing.removes.push(`${dir === '/' ? '' : dir}/${base.slice(4)}`);
  else if (type !== 'directory')
    listing.files.set(path, type === 'file' || type === 'contiguous-file' ? size : 0);
}

async function listLayerTar(source: Readable): Promise<LayerListing> {
  const listing = emptyListing();
  const extract = tarStream.extract();
  source.pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    addEntry(listing, entry.header.name, entry.header.type, entry.header.size ?? 0);
    for await (const _ of entry as unknown as Readable) {
      // skip the contents
    }
  }
  return listing;
}

/** Per history entry of the image (oldest first): its layer's listing, undefined for entries with no layer. */
export async function readLayerFiles(
  engine: Engine,
  imageRef: string,
): Promise<(LayerListing | undefined)[]> {
  let save: Readable;
  try {
    save = await engine.images.export(imageRef);
  } catch (err) {
    throw new InfraError(
      `cannot export image ${imageRef} to read its layers' files`,
      err instanceof Error ? err.message : String(err),
    );
  }
  return (await readSave(save, listLayerTar, emptyListing)).history;
}
