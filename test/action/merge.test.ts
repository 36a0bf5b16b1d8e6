// `merge: true` in the bundled action, as the job after a matrix runs it: the
// cells' reports (a glob, as downloaded artifacts lie) become one report, one
// job summary with the grid and one pull-request comment, which a second run
// updates in place (a GitHub API on loopback). The job fails with the worst
// cell's exit code; reports that cannot be one verdict fail it with exit 2.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { MATRIX_DIR } from '../unit/matrix/matrix-fixtures.js';
import { runAction } from './run-action.js';

interface Comment {
  id: number;
  body: string;
}
const comments: Comment[] = [];
const calls: string[] = [];
let server: Server;
let apiUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      calls.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      const edit = /^\/repos\/acme\/workers\/issues\/comments\/(\d+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && req.url?.startsWith('/repos/acme/workers/issues/7/comments')) {
        res.end(JSON.stringify(comments));
      } else if (req.method === 'POST' && req.url === '/repos/acme/workers/issues/7/comments') {
        const made = { id: comments.length + 1, body: (JSON.parse(body) as { body: string }).body };
        comments.push(made);
        res.statusCode = 201;
        res.end(JSON.stringify(made));
      } else if (req.method === 'PATCH' && edit) {
        const found = comments.find((c) => c.id === Number(edit[1]));
        if (found) found.body = (JSON.parse(body) as { body: string }).body;
        res.end(JSON.stringify(found ?? {}));
      } else {
        res.statusCode = 404;
        res.end('{"message":"Not Found"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

function workspace(): { ws: string; event: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-merge-action-'));
  const ws = path.join(dir, 'workspace');
  cpSync(MATRIX_DIR, path.join(ws, 'artifacts'), { recursive: true });
  const event = path.join(dir, 'event.json');
  const repo = { full_name: 'acme/workers' };
  writeFileSync(
    event,
    JSON.stringify({ pull_request: { number: 7, head: { sha: 'abc1234def', repo }, base: { repo } } }),
  );
  return { ws, event };
}

test('merge: true merges the cells into one summary and one comment, updated in place; exit 2 for an errored cell', async () => {
  const { ws, event } = workspace();
  const env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/workers',
    GITHUB_API_URL: apiUrl,
    GITHUB_WORKFLOW: 'workers',
    GITHUB_JOB: 'merge',
  };
  const inputs = {
    merge: 'true',
    reports: 'artifacts/cells/*.json',
    'baseline-report': 'artifacts/baseline-merged.json',
    comment: 'true',
    'github-token': 'ghs_test',
    report: 'merged.json',
    image: 'ignored:1',
  };
  const first = await runAction(inputs, ws, env);
  expect(first.code, first.stdout + first.stderr).toBe(2);
  expect(first.stdout).toContain("merge: true: merging the cells' reports; these inputs are ignored: image");
  expect(first.summary).toContain('## ⚠️ worker-gate: error — 2 of 6 cells failed, 1 could not finish');
  expect(first.summary).toContain('| `node` | ❌ 26.1 s · 261.4 MB | ✅ — · 261.4 MB | ⚠️ — · 261.4 MB |');
  expect(first.outputs['failed-gates']).toBe(
    'node+service@v2+full:max-wasted-bytes,base+tiny+gpu-worker:e2e:A:setup',
  );
  const merged = JSON.parse(readFileSync(path.join(ws, 'merged.json'), 'utf8')) as Report;
  expect(merged.cells).toHaveLength(6);
  expect(comments).toHaveLength(1);
  expect(comments[0]?.body).toContain('### Matrix');
  expect(comments[0]?.body).toContain('Gated `the matrix`');

  const second = await runAction(inputs, ws, env);
  expect(second.code).toBe(2);
  expect(comments).toHaveLength(1);
  expect(calls.filter((c) => c.startsWith('PATCH'))).toEqual(['PATCH /repos/acme/workers/issues/comments/1']);
});

test('merge: true refuses a report of another schema version, naming the file: exit 2', async () => {
  const { ws } = workspace();
  const cell = JSON.parse(
    readFileSync(path.join(ws, 'artifacts/cells/base-tiny-gpu.json'), 'utf8'),
  ) as Report;
  writeFileSync(path.join(ws, 'artifacts/cells/next.json'), JSON.stringify({ ...cell, schemaVersion: 2 }));
  const run = await runAction({ merge: 'true', reports: 'artifacts/cells/*.json' }, ws);
  expect(run.code).toBe(2);
  expect(run.stdout).toContain(
    '::error::worker-gate: artifacts/cells/next.json is a report of schema version 2; this worker-gate merges schema version 1 only',
  );
  expect(run.outputs.verdict).toBe('error');
});

test('merge: true with report-only: failed cells are reported, the step passes with a warning', async () => {
  const { ws } = workspace();
  const run = await runAction(
    {
      merge: 'true',
      'report-only': 'true',
      reports: 'artifacts/cells/base-tiny-gpu.json\nartifacts/cells/base-service-v2-full.json',
    },
    ws,
  );
  expect(run.code).toBe(0);
  expect(run.outputs.verdict).toBe('fail');
  expect(run.stdout).toContain(
    '::warning::worker-gate: 1 gate(s) failed: base+tiny+gpu-worker:e2e:A:setup (report-only: reported, the step passes)',
  );
  expect(run.stdout).not.toContain('these inputs are ignored');
});
