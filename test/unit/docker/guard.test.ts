// The guard over any engine (here the fake): the deadline of every call, the
// abort that refuses new work but lets removals through, the engine known to
// hang that answers nothing more, and the ledger of what is left.
import { describe, expect, test } from 'vitest';
import { EngineTimeout, guardEngine, Interrupted, Ledger } from '../../../src/docker/guard.js';
import { FakeEngine, fakeImage } from './fake-engine.js';

const IMAGE = 'sha256:image';
const spec = { image: IMAGE, labels: { 'worker-gate.role': 'w' }, volumes: { v1: '/cache' } };

function guarded(fake: FakeEngine, signal?: AbortSignal) {
  const ledger = new Ledger();
  // 50 ms: a hung call is given up quickly; nothing here asserts a time.
  const engine = guardEngine(fake, { timeoutSeconds: 0.05, ledger, ...(signal ? { signal } : {}) });
  return { engine, ledger };
}

describe('every engine call has a deadline', () => {
  test('a call the engine never answers fails with EngineTimeout, naming the engine and the call', async () => {
    const { engine } = guarded(new FakeEngine({ images: [fakeImage(IMAGE)] }).hangOn('volumes.create'));
    const made = engine.volumes.create('v1', {});
    await expect(made).rejects.toBeInstanceOf(EngineTimeout);
    await expect(made).rejects.toThrow(
      'the Docker engine at fake://engine did not answer volumes.create within 0.05 s (engine-timeout)',
    );
  });

  test('the waits a caller bounds are not cut by it: an exec runs past engine-timeout', async () => {
    const fake = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: () => new Promise((resolve) => setTimeout(() => resolve({ output: 'done' }), 150)),
    });
    const { engine } = guarded(fake);
    const container = await engine.containers.create(spec);
    await container.start();
    expect((await container.exec(['sleep'])).output).toBe('done');
  });
});

describe('an aborted run', () => {
  test('creates nothing more, and its removals still go through', async () => {
    const control = new AbortController();
    const fake = new FakeEngine({ images: [fakeImage(IMAGE)] });
    const { engine, ledger } = guarded(fake, control.signal);
    const container = await engine.containers.create(spec);
    control.abort(new Interrupted('SIGINT'));
    await expect(engine.volumes.create('v2', {})).rejects.toBeInstanceOf(Interrupted);
    await expect(engine.containers.create(spec)).rejects.toThrow('interrupted by SIGINT');
    await expect(container.start()).rejects.toBeInstanceOf(Interrupted);
    await container.remove();
    await engine.volumes.remove('v1');
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
    expect(ledger.entries()).toEqual([]);
  });

  test('stops waiting on an exec in flight with its reason', async () => {
    const control = new AbortController();
    const fake = new FakeEngine({ images: [fakeImage(IMAGE)], exec: () => new Promise(() => {}) });
    const { engine } = guarded(fake, control.signal);
    const container = await engine.containers.create(spec);
    await container.start();
    const running = container.exec(['make', 'setup']);
    control.abort(new Interrupted('SIGTERM'));
    await expect(running).rejects.toThrow('interrupted by SIGTERM');
  });

  test('by an engine that hangs: every further call fails at once with that reason, removals too', async () => {
    const control = new AbortController();
    const fake = new FakeEngine({ images: [fakeImage(IMAGE)] });
    const { engine, ledger } = guarded(fake, control.signal);
    await engine.networks.create('wg-net', {});
    const hung = new EngineTimeout('fake://engine', 'ping', 1);
    control.abort(hung);
    const calls = fake.journal.length;
    await expect(engine.networks.remove('wg-net')).rejects.toBe(hung);
    await expect(engine.containers.list({ all: true })).rejects.toBe(hung);
    expect(fake.journal.length).toBe(calls);
    expect(ledger.entries()).toEqual([{ kind: 'network', id: 'wg-net' }]);
  });
});

test('the ledger holds what the run created and has not removed', async () => {
  const { engine, ledger } = guarded(new FakeEngine({ images: [fakeImage(IMAGE)] }));
  const container = await engine.containers.create(spec);
  await engine.volumes.create('v1', {});
  await engine.networks.create('n1', {});
  expect(ledger.entries().map((e) => e.kind)).toEqual(['container', 'volume', 'network']);
  await container.remove();
  await engine.volumes.remove('v1');
  expect(ledger.entries()).toEqual([{ kind: 'network', id: 'n1' }]);
});
