// The container that empties the run's last volumes (wipe.ts): how it is made, and what it says.
import { describe, expect, test } from 'vitest';
import type { Container } from '../../../../src/docker/engine-api.js';
import { runWiper, startWiper, wipeSpec, wipeVolumes } from '../../../../src/e2e/run/wipe.js';
import { FakeEngine, fakeImage } from '../../docker/fake-engine.js';

const WIPER = {
  image: 'sha256:underTest',
  user: 'worker',
  runId: 'wg-wipe1-abcdef',
  limits: { memoryBytes: 2 ** 30, cpus: 1 },
};

describe('the wiper', () => {
  test("as the workers' user, confined, offline, labelled with the run, each volume at a folder of its own", () => {
    const spec = wipeSpec(WIPER, ['v-cache', 'v-ws']);
    expect(spec.user).toBe('worker');
    expect(spec.entrypoint?.slice(0, 4)).toEqual(['python3', '-I', '-S', '-c']);
    expect(spec.entrypoint?.slice(5)).toEqual(['/wipe/0', '/wipe/1']);
    expect(spec.hostConfig).toMatchObject({ CapDrop: ['ALL'], NetworkMode: 'none', Memory: 2 ** 30 });
    // Beside nothing once the phases are over: every CPU of the engine's, not a worker's share.
    expect(spec.hostConfig?.NanoCpus).toBeUndefined();
    expect(spec.hostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'v-cache', Target: '/wipe/0' },
      { Type: 'volume', Source: 'v-ws', Target: '/wipe/1' },
    ]);
    expect(spec.labels?.['worker-gate.run']).toBe('wg-wipe1-abcdef');
    // The image's default user stays the image's.
    expect(wipeSpec({ ...WIPER, user: '' }, ['v']).user).toBeUndefined();
  });

  test('reads what it did; a wiper that fails or says nothing is no error, and is removed', async () => {
    for (const [output, exitCode, expected] of [
      ['@@wg wiped 12 1\n@@wg done\n', 0, { wiped: 12, left: 1 }],
      ['', 127, undefined],
      ['@@wg wiped x\n', 0, undefined],
    ] as const) {
      const fake = new FakeEngine({ images: [fakeImage(WIPER.image)], exec: () => ({ output, exitCode }) });
      expect(await wipeVolumes(fake, WIPER, ['v'])).toEqual(expected);
      expect(fake.left().containers).toEqual([]);
    }
    const none = new FakeEngine({ images: [fakeImage(WIPER.image)] });
    expect(await wipeVolumes(none, WIPER, [])).toBeUndefined();
    expect(none.calls('containers.create')).toEqual([]);
  });

  test('started ahead it waits (--wait), told by SIGUSR1; what it said is read, and it is removed, told or not', async () => {
    expect(wipeSpec(WIPER, ['v-cache'], { wait: true }).entrypoint?.slice(5)).toEqual(['--wait', '/wipe/0']);
    for (const [output, exitCode, expected] of [
      ['@@wg wiped 7 0\n@@wg done\n', 0, { wiped: 7, left: 0 }],
      ['', 137, undefined],
    ] as const) {
      const fake = new FakeEngine({ images: [fakeImage(WIPER.image)], exec: () => ({ output, exitCode }) });
      const ahead = await startWiper(fake, WIPER, ['v-cache', 'v-ws']);
      expect(ahead.volumes).toEqual(['v-cache', 'v-ws']);
      expect(fake.calls('start', 'kill')).toEqual(['start e2e-wipe']);
      expect(await runWiper(ahead)).toEqual(expected);
      // Waited for from before it is told (told again until it ends: once here, where it ends at once).
      expect(fake.calls('kill', 'wait', 'containers.remove')).toEqual([
        'wait e2e-wipe',
        'kill e2e-wipe SIGUSR1',
        'containers.remove e2e-wipe',
      ]);
      expect(fake.left().containers).toEqual([]);
    }
    // An engine that fails the signal: no error, and it is still removed.
    const failing = new FakeEngine({ images: [fakeImage(WIPER.image)] }).failOn(
      'kill',
      new Error('no such container'),
    );
    const ahead = await startWiper(failing, WIPER, ['v']);
    expect(await runWiper(ahead)).toBeUndefined();
    expect(failing.left().containers).toEqual([]);
  });

  test("a signal that comes before the wiper's Python blocks it is lost: it is told again until it ends", async () => {
    const kills: string[] = [];
    let end: (code: number) => void = () => {};
    const waited = new Promise<number>((resolve) => {
      end = resolve;
    });
    let removed = false;
    const container = {
      id: 'w',
      kill: async (signal?: string) => {
        kills.push(signal ?? 'KILL');
        // The first one came too early and went nowhere; the second is taken.
        if (kills.length === 2) setTimeout(() => end(0), 5);
      },
      wait: () => waited,
      logs: async () => ({ stdout: '@@wg wiped 3 0\n@@wg done\n', stderr: '' }),
      remove: async () => {
        removed = true;
      },
    } as unknown as Container;
    expect(await runWiper({ container, volumes: ['v'] }, 10)).toEqual({ wiped: 3, left: 0 });
    expect(kills).toEqual(['SIGUSR1', 'SIGUSR1']);
    expect(removed).toBe(true);
  });
});
