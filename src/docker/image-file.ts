// One file from an image, read without running anything: a container created
// from the image and never started (labelled with the run id), the file taken
// out through the engine's archive API, the container removed with any
// anonymous volume the image's VOLUME lines gave it. Works on a remote engine.
import tarStream from 'tar-stream';
import { removeContainer } from './containers.js';
import type { Container, Engine } from './engine-api.js';
import { runLabels } from './labels.js';

const MAX_BYTES = 1024 * 1024;

/** The file's text; undefined when the image has no such file. Follows one symlink. */
export async function readImageFile(
  engine: Engine,
  image: string,
  file: string,
  runId: string,
): Promise<string | undefined> {
  const container = await engine.containers.create({
    image,
    // Never started: the command only has to be there for the engine to create it.
    entrypoint: ['/worker-gate-never-started'],
    cmd: [],
    labels: { ...runLabels(runId), 'worker-gate.role': 'image-file' },
    hostConfig: { NetworkMode: 'none' },
  });
  try {
    const first = await archiveEntry(container, file);
    if (first?.type === 'file') return first.text;
    if (first?.type !== 'symlink') return undefined;
    const target = first.linkname.startsWith('/')
      ? first.linkname
      : `${file.slice(0, file.lastIndexOf('/') + 1)}${first.linkname}`;
    const second = await archiveEntry(container, target);
    return second?.type === 'file' ? second.text : undefined;
  } finally {
    await removeContainer(container);
  }
}

type Entry = { type: 'file'; text: string } | { type: 'symlink'; linkname: string } | { type: 'other' };

async function archiveEntry(container: Container, file: string): Promise<Entry | undefined> {
  const archive = await container.archive(file);
  if (!archive) return undefined;
  return new Promise<Entry | undefined>((resolve, reject) => {
    const extract = tarStream.extract();
    let found: Entry | undefined;
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (data: unknown) => {
        const chunk = data as Buffer;
        size += chunk.length;
        if (size <= MAX_BYTES) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (!found) {
          if (header.type === 'file') found = { type: 'file', text: Buffer.concat(chunks).toString('utf8') };
          else if (header.type === 'symlink') found = { type: 'symlink', linkname: header.linkname ?? '' };
          else found = { type: 'other' };
        }
        next();
      });
    });
    extract.on('finish', () => resolve(found));
    extract.on('error', reject);
    archive.on('error', reject);
    archive.pipe(extract);
  });
}
