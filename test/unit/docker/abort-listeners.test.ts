// The run's abort signal is shared by every engine call of the run: each call's
// listener must go when its work ends, or a long run piles them up (Node warns
// past ten: MaxListenersExceededWarning). Here dockerode is a fake whose exec and
// archive streams end without ever closing, as a half-open connection can.
import { getEventListeners } from 'node:events';
import { Duplex, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { afterEach, expect, test } from 'vitest';
import { dockerEngine } from '../../../src/docker/dockerode-engine.js';
import { guardEngine } from '../../../src/docker/guard.js';

/** A stream that delivers `text`, ends, and never emits close. */
function endsWithoutClosing(text: string): Duplex {
  const stream = new Duplex({ read() {}, write: (_c, _e, cb) => cb(), autoDestroy: false, emitClose: false });
  setImmediate(() => {
    stream.push(Buffer.from(text));
    stream.push(null);
  });
  return stream;
}

const fakeContainer = {
  id: 'c1',
  modem: {
    demuxStream: (stream: Readable, out: NodeJS.WritableStream) =>
      stream.on('data', (d: Buffer) => out.write(d)),
  },
  exec: async () => ({
    start: async () => endsWithoutClosing('hello\n'),
    inspect: async () => ({ ExitCode: 0 }),
  }),
  getArchive: async () => endsWithoutClosing('tar bytes'),
};
const fakeDocker = { getContainer: () => fakeContainer } as unknown as Docker;

const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
afterEach(() => {
  process.off('warning', onWarning);
  warnings.length = 0;
});

test('many execs and archives on one run signal leave no abort listener behind, and no warning', async () => {
  process.on('warning', onWarning);
  const control = new AbortController();
  const engine = guardEngine(dockerEngine(fakeDocker, 'fake://docker', control.signal), {
    timeoutSeconds: 5,
    signal: control.signal,
  });
  const container = engine.containers.get('c1');
  for (let i = 0; i < 25; i++) {
    expect((await container.exec(['true'])).output).toBe('hello');
    const archive = await container.archive('/etc/hostname');
    for await (const _ of archive as Readable);
  }
  // Warnings are emitted on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  expect(getEventListeners(control.signal, 'abort')).toHaveLength(0);
  expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
});
