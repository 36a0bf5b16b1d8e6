// Golden files: every output rendered from every report in
// test/fixtures/reports/, recorded before the measure → judge → view
// restructuring (issue 12) and byte-identical after it. A deliberate change
// to an output re-records them: WORKER_GATE_GOLDEN=write npx vitest run golden.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderCommentBody } from '../../../src/github/comment-body.js';
import { actionOutputs, annotationsFor, renderers } from '../../../src/report/renderers.js';
import { loadFixtures } from './fixtures.js';

const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/golden');
const WRITE = process.env.WORKER_GATE_GOLDEN === 'write';

const scope = { key: 'golden0key01', target: 'images/worker/Dockerfile', job: 'gate' };
const context = { headSha: '0123456789abcdef', runUrl: 'https://github.com/acme/workers/actions/runs/42' };

function outputsOf(report: Parameters<typeof renderers.summary>[0]): Record<string, string> {
  return {
    'summary.md': renderers.summary(report),
    'report.html': renderers.html(report),
    'junit.xml': renderers.junit(report),
    'comment.md': renderCommentBody(report, scope, context),
    'outputs.json': `${JSON.stringify(actionOutputs(report, 'worker-gate-report.json'), null, 2)}\n`,
    'annotations.json': `${JSON.stringify(annotationsFor(report), null, 2)}\n`,
  };
}

describe('golden outputs of every recorded report', () => {
  for (const { name, report } of loadFixtures()) {
    const dir = path.join(GOLDEN_DIR, name.replace(/\.json$/, ''));
    for (const [file, text] of Object.entries(outputsOf(report))) {
      it(`${name}: ${file}`, () => {
        const golden = path.join(dir, file);
        if (WRITE) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(golden, text);
        }
        expect(existsSync(golden), `${golden} is missing: record it with WORKER_GATE_GOLDEN=write`).toBe(
          true,
        );
        expect(text).toBe(readFileSync(golden, 'utf8'));
      });
    }
  }
});
