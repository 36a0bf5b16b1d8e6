// Runs the CLI in-process, as a user would from a shell, capturing its output.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { Report } from '../../src/model/report.js';
import { validateReport } from '../../src/model/report-schema.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: opts.env ?? process.env,
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, out, err };
}

/** Read a JSON report and prove it matches the schema. */
export function readReport(file: string): Report {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  expect(validateReport(report)).toEqual([]);
  return report;
}
