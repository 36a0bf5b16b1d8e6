// Shared by the e2e engine test files: options as the CLI resolves them,
// template variants (the shipped template copied to a temp folder and
// patched), and a run that must leave the engine's lists as it found them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { type Config, type RawValues, resolveConfig } from '../../src/config/index.js';
import { shippedTemplate, toolRoot } from '../../src/config/shipped.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId } from '../../src/docker/labels.js';
import { type E2eHooks, type E2eResult, runE2e } from '../../src/e2e/run/run-e2e.js';
import { judge } from '../../src/judge/judge.js';
import { CHECKS } from '../../src/judge/registry.js';
import { type Log, silentLog } from '../../src/model/log.js';
import type { Check, Failure, Report } from '../../src/model/report.js';
import {
  addCheck,
  addFailure,
  exitCodeOf,
  finishReport,
  newReport,
} from '../../src/model/report-building.js';
import { validateReport } from '../../src/model/report-schema.js';
import { engineState, expectEngineState } from './helpers.js';
import { runProcess } from './run-process.js';

/** The e2e options the CLI would resolve from `overrides` (raw strings as typed), the host's CA bundle included. */
export function e2eOptions(overrides: RawValues = {}): Config {
  return resolveConfig({
    frontDoor: 'cli',
    command: 'e2e',
    overrides: { image: 'unused', ...overrides },
    env: process.env,
    cwd: tmpdir(),
    assetsDir: toolRoot(),
    checks: CHECKS,
    // No config file is read (a stray .worker-gate.yml in the temp folder must not change a test).
    readFile: (file) => {
      if (/\.worker-gate\.ya?ml$/.test(file))
        throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      return readFileSync(file, 'utf8');
    },
  });
}

export interface TemplateVariant {
  dir: string;
  remove(): void;
}

/** A template (the shipped one unless `source` says) copied to a temp folder (not a git repository), then patched. */
export function templateVariant(
  patch: (dir: string) => void = () => {},
  source: string = shippedTemplate(),
): TemplateVariant {
  const root = mkdtempSync(path.join(tmpdir(), 'wg-template-'));
  const dir = path.join(root, path.basename(source));
  cpSync(source, dir, { recursive: true });
  patch(dir);
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Replace text in a file of a template variant; fails loudly when the text is not there. */
export function patchFile(dir: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  const patched = text.replace(from, to);
  if (patched === text) throw new Error(`template variant: ${file} has no ${String(from)} to patch`);
  writeFileSync(full, patched);
}

/** Make a template folder a git repository of its own, committed, owned by `uid` (as a host checkout of someone else is). */
export function gitRepoOwnedBy(dir: string, uid: number): void {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args],
      {
        cwd: dir,
        stdio: 'pipe',
      },
    );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'template');
  execFileSync('chown', ['-R', `${uid}:${uid}`, dir]);
}

export interface CheckedRun {
  /** What the stage measured, with the checks and failures the judge gives it. */
  result: E2eResult & { checks: Check[]; failures: Failure[] };
  report: Report;
  exitCode: 0 | 1 | 2;
}

/**
 * runE2e on an image the engine has, judged and put into a Report the way the
 * pipeline does; proves the Report validates and the engine's unfiltered container
 * and volume lists equal the ones before.
 */
export async function runE2eChecked(
  engine: Engine,
  imageRef: string,
  options: Config,
  hooks?: E2eHooks,
  log: Log = silentLog,
  extra: { baselineImageRef?: string } = {},
): Promise<CheckedRun> {
  const facts = await engine.images.inspect(imageRef);
  if (!facts) throw new Error(`test image ${imageRef} is missing`);
  const before = await engineState(engine);
  const measured = await runE2e(engine, {
    imageRef,
    facts,
    options,
    runId: newRunId(),
    log,
    runProcess,
    ...(hooks ? { hooks } : {}),
    ...extra,
  });
  await expectEngineState(engine, before);
  const verdicts = judge(options, { command: 'e2e', e2e: measured.e2e, e2eFacts: measured.facts });
  const result = { ...measured, checks: verdicts.checks.map((j) => j.check), failures: verdicts.failures };
  const report = newReport('e2e');
  report.e2e = result.e2e;
  for (const check of result.checks) addCheck(report, check);
  for (const failure of result.failures) addFailure(report, failure);
  finishReport(report);
  expect(validateReport(report)).toEqual([]);
  return { result, report, exitCode: exitCodeOf(report) };
}

/** A Log that keeps every line (messages, group titles and streamed output) for the test to read. */
export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    group: (title, fn) => {
      lines.push(`group: ${title}`);
      return fn();
    },
    detail: (line) => lines.push(line),
  };
}
