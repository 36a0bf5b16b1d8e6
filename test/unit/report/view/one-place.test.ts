// The view model is the one place every output's text comes from: change a
// field of the view and every renderer that shows it shows the change, so no
// renderer works out its own text from the Report.
import { describe, expect, test } from 'vitest';
import { commentBodyOf } from '../../../../src/github/comment-body.js';
import { annotationsOf } from '../../../../src/report/annotations.js';
import { htmlOf } from '../../../../src/report/html.js';
import { junitOf } from '../../../../src/report/junit.js';
import { outputsOf } from '../../../../src/report/outputs.js';
import { summaryOf } from '../../../../src/report/summary.js';
import { buildView, type View } from '../../../../src/report/view/index.js';
import { loadFixture } from '../fixtures.js';

const scope = { key: 'view0key0001', target: 'images/worker/Dockerfile' };

/** Every output rendered from one view, as text. */
function outputs(view: View): Record<string, string> {
  return {
    summary: summaryOf(view),
    html: htmlOf(view),
    junit: junitOf(view),
    comment: commentBodyOf(view, scope),
    outputs: JSON.stringify(outputsOf(view)),
    annotations: JSON.stringify(annotationsOf(view)),
  };
}

function changed(edit: (view: View) => void): Record<string, string> {
  const view = buildView(loadFixture('synthetic-contract-fail'));
  edit(view);
  return outputs(view);
}

describe('a field changed in the view shows in every output that shows it', () => {
  test("a check's detail: summary, HTML, JUnit and annotations", () => {
    const out = changed((view) => {
      const check = view.checks.find((c) => c.id === 'forbid-command:ruff');
      if (!check) throw new Error('the fixture has no forbid-command:ruff check');
      check.detail = 'DETAIL-MARK';
    });
    for (const name of ['summary', 'html', 'junit', 'annotations'])
      expect(out[name], name).toContain('DETAIL-MARK');
  });

  test("a failed gate's remedy and message: summary, HTML and the PR comment", () => {
    const out = changed((view) => {
      const group = view.failureGroups.find((g) => g.family === 'max-image-size');
      const member = group?.members[0];
      if (!group || !member) throw new Error('the fixture has no max-image-size failure');
      group.remedy = 'REMEDY-MARK';
      member.message = 'MESSAGE-MARK';
    });
    for (const name of ['summary', 'html', 'comment']) {
      expect(out[name], name).toContain('REMEDY-MARK');
      expect(out[name], name).toContain('MESSAGE-MARK');
    }
  });

  test("the image's reference: summary, HTML, JUnit, the PR comment and the outputs", () => {
    const out = changed((view) => {
      if (!view.image) throw new Error('the fixture has no image');
      view.image.ref = 'REF-MARK';
    });
    for (const name of ['summary', 'html', 'junit', 'comment', 'outputs'])
      expect(out[name], name).toContain('REF-MARK');
  });

  test('the verdict and the headline: every output', () => {
    const out = changed((view) => {
      view.headline.verdict = 'error';
      view.headline.what = 'what-mark';
    });
    for (const name of ['summary', 'html', 'comment']) expect(out[name], name).toMatch(/what-mark/i);
    expect(JSON.parse(out.outputs ?? '{}').verdict).toBe('error');
  });
});
