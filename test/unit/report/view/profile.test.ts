// Every view of the profile, on profiles recorded in real workers.
import { describe, expect, test } from 'vitest';
import { closingLines } from '../../../../src/cli.js';
import { newReport } from '../../../../src/model/report-building.js';
import { validateReport } from '../../../../src/model/report-schema.js';
import { profileMarkdown, profileSvg } from '../../../../src/report/profile-markup.js';
import {
  largestWarmCause,
  planComparison,
  profileView,
  topCauseLines,
  trialText,
} from '../../../../src/report/view/profile.js';
import { profiledE2e } from '../../e2e/profile/recorded.js';

describe('the views', () => {
  test('summary: per setup a table of categories with text bars and top commands, the plan beside the measured', () => {
    const md = profileMarkdown(profileView(profiledE2e()));
    expect(md).toContain('**separate layout, cold**');
    expect(md).toContain('**separate layout, warm (median of 1)**');
    expect(md).toContain('**separate layout, floor (again, venvs present)**');
    expect(md).toMatch(/\| preparing \(downloads, local builds\) \| \d+\.\d s \| \d+ % \| `█+·*` \|/);
    expect(md).toContain('Top commands: `uv sync`');
    expect(md).toContain('Local packages: billing rebuilt, framework rebuilt, orders rebuilt');
    // The floor reuses the services' builds and rebuilds the editable framework.
    expect(md).toContain('Local packages: billing reused, framework rebuilt, orders reused');
    expect(md).toContain('**What would make the warm setup faster**');
  });

  test('the expected setups the report recorded, as options set them, beside the measured; none when none recorded', () => {
    const expected = { coldSeconds: { low: 20, high: 40 }, warmSeconds: { low: 2.5, high: 6 } };
    expect(planComparison({ ...profiledE2e(), expected })).toMatch(
      /^Expected \(never checked\): a cold setup of 20–40 s and a warm one of 2\.5–6 s; measured: cold 43\.7 s, warm median 51\.\d s\. Between the cold setup and the expected 40 s \(3\.7 s over\): preparing \(downloads, local builds\) 31\.9 s\. Between the warm median and the expected 6 s \(\d+\.\d s over\): preparing/,
    );
    // A report recorded before the expected ranges were options says nothing of the plan's.
    const { expected: _none, ...before } = profiledE2e();
    expect(planComparison(before)).toBeUndefined();
  });

  test('HTML: one stacked bar per shown setup, a segment per category', () => {
    const svg = profileSvg(profileView(profiledE2e())) ?? '';
    // Each setup's label, right-aligned at the end of a column as wide as the longest label.
    expect(svg.match(/<text x="\d+" y="\d+" text-anchor="end">/g)).toHaveLength(3);
    expect(svg).toContain('<title>code generation: ');
    expect(svg).not.toContain('NaN');
  });

  test('comment and CLI: the largest cause of the warm setup, and the top three', () => {
    expect(largestWarmCause(profiledE2e())).toMatch(
      /^largest cause of the warm setup: preparing \(downloads, local builds\) \d+\.\d s of 51\.\d s$/,
    );
    const report = newReport('e2e');
    report.e2e = profiledE2e();
    const lines = closingLines(report).split('\n');
    expect(lines.filter((l) => /^worker-gate: {3}\d\. /.test(l))).toHaveLength(3);
    expect(topCauseLines(undefined)).toEqual([]);
    expect(validateReport(report)).toEqual([]);
  });
});

describe('try-fixes in the advice', () => {
  const advice = {
    kind: 'local-rebuilds' as const,
    title: 'key the local builds on the git commit',
    seconds: 1.6,
    basis: 'measured' as const,
    detail: 'rebuilt in every fresh clone',
  };
  const patch = '--- a/pyproject.toml\n+++ b/pyproject.toml\n';

  test('measured: the median change with its interval and pairs, one minus sign', () => {
    const tried = { pairs: 5, changeSeconds: { median: -1.6, interval: { low: -1.9, high: -1.3 } }, patch };
    expect(trialText({ ...advice, tried })).toBe(
      'measured: −1.6 s (95 % interval −1.9 … −1.3 s, n = 5 pairs)',
    );
  });

  test('an interval that straddles zero says so with its signs; one pair has none', () => {
    const straddling = {
      pairs: 2,
      changeSeconds: { median: 0.04, interval: { low: -0.2, high: 0.3 } },
      patch,
    };
    expect(trialText({ ...advice, tried: straddling })).toBe(
      'measured: ±0.0 s (95 % interval −0.2 … +0.3 s, n = 2 pairs)',
    );
    expect(trialText({ ...advice, tried: { pairs: 1, changeSeconds: { median: -1 }, patch } })).toBe(
      'measured: −1.0 s (n = 1 pair)',
    );
  });

  test('a fix that breaks the project is no saving; advice not tried stays estimated and says why', () => {
    const broke = { pairs: 0, patch, brokeProject: { phase: 'test' as const, exitCode: 2 } };
    expect(trialText({ ...advice, tried: broke })).toBe(
      'not a saving: the fixed project fails its test (exit 2)',
    );
    expect(trialText({ ...advice, notTried: 'cache-layout both measures it' })).toBe(
      'estimated: not tried (cache-layout both measures it)',
    );
    expect(trialText(advice)).toBeUndefined();
  });

  test('the patch and the trial reach the summary and the HTML', () => {
    const e2e = profiledE2e();
    const tried = { pairs: 2, changeSeconds: { median: -1.6, interval: { low: -1.7, high: -1.5 } }, patch };
    e2e.speedups = [{ ...advice, tried }];
    const view = profileView(e2e);
    expect(view.speedups[0]).toMatchObject({
      trial: 'measured: −1.6 s (95 % interval −1.7 … −1.5 s, n = 2 pairs)',
      patch,
    });
    expect(profileMarkdown(view)).toContain('```diff\n--- a/pyproject.toml\n+++ b/pyproject.toml\n```');
  });

  test('a setting tried is shown as the setting, not as a diff', () => {
    const e2e = profiledE2e();
    const setting = 'UV_LINK_MODE=copy';
    const tried = {
      pairs: 2,
      changeSeconds: { median: 0.1, interval: { low: -0.2, high: 0.3 } },
      patch: setting,
    };
    e2e.speedups = [{ ...advice, kind: 'link-mode', setting, tried }];
    const view = profileView(e2e);
    expect(view.speedups[0]).toMatchObject({ patch: setting, setting: true });
    const md = profileMarkdown(view);
    expect(md).toContain('<summary>The setting tried: key the local builds on the git commit</summary>');
    expect(md).toContain('```sh\nUV_LINK_MODE=copy\n```');
    expect(md).not.toContain('```diff');
  });
});
