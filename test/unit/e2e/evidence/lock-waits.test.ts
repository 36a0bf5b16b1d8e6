import { describe, expect, test } from 'vitest';
import { lockWaits, waitsOf } from '../../../../src/e2e/evidence/lock-waits.js';

const CACHE = '/home/worker/.cache/uv';
const waiting = (path: string) =>
  `warning: Waiting to acquire lock for \`${path}\` (lockfile: \`${path}/.lock\`)`;

describe("uv's lock waits in concurrent setups", () => {
  test('a wait lasts until the worker prints its next line (or ends), entries relative to the cache', () => {
    const lines = [
      { atMs: 100, text: 'uv venv .venv' },
      { atMs: 1000, text: waiting(`${CACHE}/sdists-v9/editable/abc`) },
      { atMs: 3500, text: 'Prepared 1 package in 2.6s' },
      { atMs: 4000, text: `\u001b[33mwarning\u001b[0m: Waiting to acquire lock for ${CACHE}/builds-v0` },
    ];
    expect(waitsOf(lines, 4500, CACHE)).toEqual([
      { entry: 'sdists-v9/editable/abc', seconds: 2.5 },
      { entry: 'builds-v0', seconds: 0.5 },
    ]);
  });

  test('no wait printed: none', () => {
    expect(waitsOf([{ atMs: 1, text: 'Installed 12 packages in 30ms' }], 10, CACHE)).toEqual([]);
  });

  test('per entry: how many workers waited (each once) and the longest wait, longest first', () => {
    const rows = lockWaits([
      [
        { entry: 'sdists-v9/editable/abc', seconds: 1.2 },
        { entry: 'sdists-v9/editable/abc', seconds: 0.4 },
      ],
      [{ entry: 'sdists-v9/editable/abc', seconds: 2.25 }],
      [{ entry: 'wheels-v5/pypi/ruff', seconds: 3 }],
      [],
    ]);
    expect(rows).toEqual([
      { entry: 'wheels-v5/pypi/ruff', workers: 1, longestSeconds: 3 },
      { entry: 'sdists-v9/editable/abc', workers: 2, longestSeconds: 2.25 },
    ]);
  });
});
