// The timing gates through the judge, on the e2e report of recorded runs.
import { describe, expect, test } from 'vitest';
import { TIMING } from '../../../src/judge/timing.js';
import type { Check, E2eReport } from '../../../src/model/report.js';
import { bothRuns, run } from '../model/figures/runs.js';
import { checkOf, facts, e2eOf as report, verdicts } from './e2e-measured.js';

const both = report(bothRuns());

const gate =
  (id: string, option: string) =>
  (e2e: E2eReport, value: number): Check => {
    const check = checkOf(id, e2e, facts(), { [option]: value });
    if (!check) throw new Error(`no ${id} check`);
    return check;
  };
const maxWarmSetupGate = gate('max-warm-setup-seconds', 'maxWarmSetupSeconds');
const minSetupSpeedupGate = gate('min-setup-speedup', 'minSetupSpeedup');
const maxLayoutRatioGate = gate('max-layout-ratio', 'maxLayoutRatio');
const timingIds = (config: Parameters<typeof verdicts>[2], finished = true) =>
  verdicts(both, facts({ finished }), config)
    .checks.map((c) => c.id)
    .filter((id) => TIMING.checks.some((t) => t.id === id));

// The separate layout's warm runs 7.6, 8.5, 7.9 s: median 7.9 s, and its bootstrap interval spans
// them (each extreme is the median of a resample with probability 7/27 > 2.5 %): 7.6 … 8.5 s,
// widened by ±10 % to 6.84 … 9.35 s.
describe('max-warm-setup-seconds', () => {
  test("passes when the widened interval of the separate layout's median lies wholly within the limit", () => {
    const check = maxWarmSetupGate(both, 10);
    expect(check.status).toBe('pass');
    expect(check.detail).toBe(
      'warm setup median 7.9 s (separate layout, runs 1, 2, 3: 7.6, 8.5, 7.9 s): its 95 % interval 7.6 s … 8.5 s, widened by ±10 % timing noise to 6.84 s … 9.35 s, lies wholly below max-warm-setup-seconds 10 s',
    );
  });

  test('warns when the widened interval contains the limit, and says it fails only when wholly above', () => {
    const check = maxWarmSetupGate(both, 9);
    expect(check.status).toBe('warn');
    expect(check.detail).toMatch(
      /to 6\.84 s … 9\.35 s, contains max-warm-setup-seconds 9 s: the runs cannot tell, a warning \(it fails only when wholly above\)$/,
    );
  });

  test('fails when the widened interval lies wholly above it, naming the figure and the runs', () => {
    const check = maxWarmSetupGate(both, 6.8);
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('7.9 s');
    expect(check.detail).toContain('runs 1, 2, 3');
    expect(check.detail).toMatch(/to 6\.84 s … 9\.35 s, lies wholly above max-warm-setup-seconds 6\.8 s$/);
  });

  test('only the shared layout ran: its median is the one gated', () => {
    const shared = report(bothRuns().filter((r) => r.layout === 'shared'));
    expect(maxWarmSetupGate(shared, 4).detail).toContain('shared layout, runs 5, 6, 7');
  });

  test('fails with "no proved warm run" when every warm run downloaded', () => {
    const r = report([
      run(0, 'separate', 'cold', 8, 'cold', 'copy-fallback'),
      run(1, 'separate', 'warm', 3, 'not-warm', 'copy-fallback', 7),
    ]);
    const check = maxWarmSetupGate(r, 100);
    expect(check.status).toBe('fail');
    expect(check.detail).toContain(
      'no proved warm run in the separate layout (run 1 not-warm (7 downloads))',
    );
  });

  test('fails with "no proved cold run" when the cold run downloaded nothing', () => {
    const r = report([
      run(0, 'separate', 'cold', 8, 'not-cold', 'copy-fallback', 0),
      run(1, 'separate', 'warm', 3, 'warm', 'copy-fallback'),
    ]);
    expect(maxWarmSetupGate(r, 100).detail).toContain(
      'no proved cold run in the separate layout (run 0 was not-cold, 0 downloads)',
    );
  });
});

// One cold run gives the speed-up 8.6 / 7.9 = 1.09 no interval: the figure alone, ±10 %: 0.98 … 1.2.
describe('min-setup-speedup', () => {
  test('cold / warm median against the minimum: within, straddling, past', () => {
    const pass = minSetupSpeedupGate(both, 0.9);
    expect(pass.status).toBe('pass');
    expect(pass.detail).toBe(
      'setup speedup 1.09× (cold setup 8.6 s in run 0 / warm setup median 7.9 s (separate layout, runs 1, 2, 3: 7.6, 8.5, 7.9 s)): the figure alone (no interval below 2 runs a side), widened by ±10 % timing noise to 0.98× … 1.2×, lies wholly above min-setup-speedup 0.9×',
    );
    expect(minSetupSpeedupGate(both, 1.05).status).toBe('warn');
    const fail = minSetupSpeedupGate(both, 1000);
    expect(fail.status).toBe('fail');
    expect(fail.detail).toContain('lies wholly below min-setup-speedup 1000×');
  });

  test('several cold runs: the gate reads their median and names each, and judges on the interval from every run', () => {
    const r = report([
      run(0, 'separate', 'cold', 8.6, 'cold', 'copy-fallback'),
      run(1, 'separate', 'warm', 7.6, 'warm', 'copy-fallback'),
      run(2, 'separate', 'cold', 9.4, 'cold', 'copy-fallback'),
      run(3, 'separate', 'warm', 8.5, 'warm', 'copy-fallback'),
    ]);
    const check = minSetupSpeedupGate(r, 0.5);
    // cold median 9 s over warm median 8.05 s
    expect(check.detail).toMatch(
      /^setup speedup 1\.12× \(cold setup median 9 s \(run 0, run 2: 8\.6, 9\.4 s\) \/ warm setup median 8\.05 s .*: its 95 % interval /,
    );
  });

  test('no proved cold run fails the gate', () => {
    const r = report([
      run(0, 'separate', 'cold', 8, 'not-cold', 'copy-fallback', 0),
      run(1, 'separate', 'warm', 3, 'warm', 'copy-fallback'),
    ]);
    expect(minSetupSpeedupGate(r, 1)).toMatchObject({ status: 'fail' });
    expect(minSetupSpeedupGate(r, 1).detail).toMatch(/^no proved cold run/);
  });
});

describe('max-layout-ratio', () => {
  // 2.26 = 7.9 / 3.5; its interval from the extremes 7.6 / 4.2 = 1.81 and 8.5 / 3.2 = 2.66 (each with
  // probability (7/27)² = 6.7 % > 2.5 %), widened by ±10 % to 1.63 … 2.93.
  test('separate median / shared median against the maximum, naming both', () => {
    const pass = maxLayoutRatioGate(both, 3);
    expect(pass.status).toBe('pass');
    expect(pass.detail).toContain('layout ratio 2.26');
    expect(pass.detail).toContain('separate layout, runs 1, 2, 3');
    expect(pass.detail).toContain('shared layout, runs 5, 6, 7');
    expect(pass.detail).toContain(
      'its 95 % interval 1.81 … 2.66, widened by ±10 % timing noise to 1.63 … 2.93',
    );
    expect(maxLayoutRatioGate(both, 2.5)).toMatchObject({ status: 'warn' });
    expect(maxLayoutRatioGate(both, 1.6)).toMatchObject({ status: 'fail' });
    expect(maxLayoutRatioGate(both, 1.6).detail).toContain('lies wholly above max-layout-ratio 1.6');
  });

  test('needs both layouts', () => {
    const separate = report(bothRuns().filter((r) => r.layout === 'separate'));
    expect(maxLayoutRatioGate(separate, 2).detail).toContain('set cache-layout to both');
  });

  test('a layout without proved warm runs fails it', () => {
    const runs = bothRuns().map((r) =>
      r.layout === 'shared' && r.kind === 'warm'
        ? { ...r, provedState: 'not-warm' as const, downloads: 3 }
        : r,
    );
    expect(maxLayoutRatioGate(report(runs), 100).detail).toMatch(/no proved warm run in the shared layout/);
  });
});

test('only the gates that are set, in a fixed order', () => {
  expect(timingIds({})).toEqual([]);
  expect(timingIds({ maxLayoutRatio: 3, maxWarmSetupSeconds: 10 })).toEqual([
    'max-warm-setup-seconds',
    'max-layout-ratio',
  ]);
});

test('none judges a scenario that stopped early (its failed phase fails the run)', () => {
  expect(timingIds({ maxLayoutRatio: 3, maxWarmSetupSeconds: 10, minSetupSpeedup: 1 }, false)).toEqual([]);
});

describe('at the limit, a gate judges the figure the report records and prints it in the same digits', () => {
  // 10.8996 s over a warm median of 10 s is 1.08996, recorded (and shown) as 1.09; no noise, so the
  // interval judged is 1.09 … 1.09.
  const speedup = report([
    run(0, 'separate', 'cold', 10.8996, 'cold', 'copy-fallback'),
    run(1, 'separate', 'warm', 10, 'warm', 'copy-fallback'),
  ]);
  const exact = (e2e: E2eReport, id: string, option: string, value: number) =>
    checkOf(id, e2e, facts(), { [option]: value, timingNoisePercent: 0 });

  test('a recorded speed-up of 1.09 touches min-setup-speedup 1.09 (a warning), never "1.09× is below 1.09×"', () => {
    expect(speedup.setup?.speedup).toBe(1.09);
    const check = exact(speedup, 'min-setup-speedup', 'minSetupSpeedup', 1.09);
    expect(check?.status).toBe('warn');
    expect(check?.detail).toMatch(/^setup speedup 1\.09× \(cold setup 10\.9 s in run 0 \/ /);
    expect(check?.detail).toContain(
      'widened by ±0 % timing noise to 1.09× … 1.09×, contains min-setup-speedup 1.09×',
    );
    expect(exact(speedup, 'min-setup-speedup', 'minSetupSpeedup', 1.08)?.status).toBe('pass');
  });

  test('one hundredth above it fails, printing the recorded figure', () => {
    const check = exact(speedup, 'min-setup-speedup', 'minSetupSpeedup', 1.1);
    expect(check?.status).toBe('fail');
    expect(check?.detail).toMatch(/^setup speedup 1\.09× .* lies wholly below min-setup-speedup 1\.1×$/);
  });

  // 7.849 s / 3.5 s is 2.2426, recorded as 2.24.
  const ratio = report([
    run(0, 'separate', 'cold', 9, 'cold', 'copy-fallback'),
    run(1, 'separate', 'warm', 7.849, 'warm', 'copy-fallback'),
    run(2, 'shared', 'cold', 9, 'cold', 'hardlink'),
    run(3, 'shared', 'warm', 3.5, 'warm', 'hardlink'),
  ]);

  test('a recorded layout ratio of 2.24 touches max-layout-ratio 2.24, is within 2.25 and past 2.23', () => {
    expect(ratio.layoutRatio).toBe(2.24);
    expect(exact(ratio, 'max-layout-ratio', 'maxLayoutRatio', 2.24)?.status).toBe('warn');
    expect(exact(ratio, 'max-layout-ratio', 'maxLayoutRatio', 2.25)?.status).toBe('pass');
    const over = exact(ratio, 'max-layout-ratio', 'maxLayoutRatio', 2.23);
    expect(over?.status).toBe('fail');
    expect(over?.detail).toMatch(/^layout ratio 2\.24 \(.*lies wholly above max-layout-ratio 2\.23$/);
  });

  test('the headline layout the report recorded is the one gated', () => {
    const both = report(bothRuns());
    const sharedHeadline = { ...both, headlineLayout: 'shared' as const };
    expect(maxWarmSetupGate(sharedHeadline, 100).detail).toContain('shared layout, runs 5, 6, 7');
  });
});
