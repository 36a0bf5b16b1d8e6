// uv's output as it printed it in real worker runs (uv 0.13.9, the shipped template, 1-CPU workers).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { disagreement, readUvOutput, uvDuration, uvEvent } from '../../../../src/e2e/evidence/uv-output.js';
import { stripAnsi } from '../../../../src/model/text.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/e2e/uv-output/${name}.log`, import.meta.url), 'utf8');

describe("uv's summary lines", () => {
  test('a cold setup in the separate layout: prepared from the index, three local builds, the hard-link warning', () => {
    const cold = readUvOutput(fixture('cold-setup-separate'));
    expect(cold).toMatchObject({
      downloaded: 3,
      prepared: 31,
      installed: 60,
      audited: 0,
      localBuilds: 3,
      hardlinkFailed: true,
      lines: 9,
    });
    // Prepared 11 in 1.84s, 8 in 4.39s, 12 in 4.27s; Installed in 122ms, 2.32s, 878ms.
    expect(cold.prepareSeconds).toBeCloseTo(10.5, 6);
    expect(cold.installSeconds).toBeCloseTo(3.32, 6);
  });

  test('a cold setup in the shared layout: no warning', () => {
    expect(readUvOutput(fixture('cold-setup-shared'))).toMatchObject({
      prepared: 31,
      installed: 60,
      hardlinkFailed: false,
    });
  });

  test("where a warm setup's time goes: copying is uv's install time, the local builds its prepare time", () => {
    const copying = readUvOutput(fixture('warm-setup-separate'));
    const linking = readUvOutput(fixture('warm-setup-shared'));
    expect(copying.installSeconds).toBeCloseTo(0.111 + 0.708 + 0.208, 6);
    expect(linking.installSeconds).toBeCloseTo(0.017 + 0.053 + 0.13, 6);
    expect(copying.prepareSeconds).toBeCloseTo(1.39 + 1.33 + 1.92, 6);
  });

  test("uv's durations", () => {
    expect(uvDuration('311ms')).toBeCloseTo(0.311, 9);
    expect(uvDuration('2.66s')).toBe(2.66);
    expect(uvDuration('0.57ms')).toBeCloseTo(0.00057, 9);
    expect(uvDuration('1m 05s')).toBe(65);
    expect(uvDuration('soon')).toBeUndefined();
  });

  test('a warm setup: only the local builds are prepared', () => {
    const separate = readUvOutput(fixture('warm-setup-separate'));
    expect(separate).toMatchObject({
      downloaded: 0,
      prepared: 3,
      localBuilds: 3,
      installed: 60,
      hardlinkFailed: true,
    });
    expect(readUvOutput(fixture('warm-setup-shared'))).toMatchObject({ prepared: 3, hardlinkFailed: false });
  });

  test('UV_LINK_MODE=copy: uv copies across the mounts without a word', () => {
    expect(readUvOutput(fixture('warm-setup-uv-link-mode-copy'))).toMatchObject({
      installed: 60,
      hardlinkFailed: false,
    });
  });

  test('the floor: uv sync checks and installs nothing', () => {
    expect(readUvOutput(fixture('floor-shared'))).toMatchObject({
      installed: 1,
      audited: 47,
      prepared: 1,
      localBuilds: 1,
    });
  });

  test('colour codes are ignored', () => {
    expect(stripAnsi('\u001b[1mPrepared\u001b[0m 2 packages in 1s')).toBe('Prepared 2 packages in 1s');
    expect(readUvOutput('\u001b[2mInstalled 4 packages in 3ms\u001b[0m').installed).toBe(4);
  });
});

describe('uv against the cache evidence', () => {
  test('the recorded runs agree', () => {
    expect(disagreement(33, readUvOutput(fixture('cold-setup-separate')))).toBeUndefined();
    expect(disagreement(0, readUvOutput(fixture('warm-setup-separate')))).toBeUndefined();
  });

  test('a Downloaded line with nothing new in the cache disagrees', () => {
    expect(disagreement(0, readUvOutput(' Downloaded ruff\nPrepared 1 package in 1s'))).toMatch(
      /no distribution is new/,
    );
  });

  test('new distributions in the cache while uv prepared only local builds disagree', () => {
    const uv = readUvOutput(
      '      Built framework @ file:///w/framework\nPrepared 1 package in 1s\nInstalled 13 packages in 1ms',
    );
    expect(disagreement(4, uv)).toMatch(/gained 4 distribution/);
  });

  test('no uv output at all (a setup without uv) is no disagreement', () => {
    expect(disagreement(4, readUvOutput('make: nothing to be done'))).toBeUndefined();
  });
});

describe('uv lines one at a time (uvEvent), as the profile reads them from the stream', () => {
  const events = (name: string) =>
    fixture(name)
      .split('\n')
      .flatMap((l) => uvEvent(l) ?? []);

  test('cold: several packages prepared by one command, local builds among them, resolve times', () => {
    const cold = events('cold-setup-separate');
    expect(cold.filter((e) => e.kind === 'built').map((e) => (e as { name: string }).name)).toEqual([
      'framework',
      'billing',
      'orders',
    ]);
    const prepared = cold.filter((e) => e.kind === 'prepared').map((e) => (e as { count: number }).count);
    expect(prepared.some((n) => n > 1)).toBe(true);
    expect(cold.find((e) => e.kind === 'resolved')).toMatchObject({ count: 13 });
  });

  test('hard link and copy: the warning only where uv fell back; Uninstalled in the floor', () => {
    expect(events('warm-setup-separate').some((e) => e.kind === 'hardlink-failed')).toBe(true);
    expect(events('warm-setup-shared').some((e) => e.kind === 'hardlink-failed')).toBe(false);
    expect(events('warm-setup-uv-link-mode-copy').some((e) => e.kind === 'hardlink-failed')).toBe(false);
    expect(events('floor-shared')).toContainEqual({ kind: 'uninstalled', count: 1, seconds: 0.002 });
  });

  test('an index sdist built is not a local build', () => {
    expect(uvEvent('      Built pyyaml==6.0.2')).toBeUndefined();
    expect(uvEvent('      Built shared @ git+https://example.invalid/x')).toEqual({
      kind: 'built',
      name: 'shared',
    });
  });
});
