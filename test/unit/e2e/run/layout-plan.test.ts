import { describe, expect, test } from 'vitest';
import {
  clonedFolders,
  fixedProjectDir,
  planLayout,
  projectDir,
  workerMounts,
} from '../../../../src/e2e/run/layout-plan.js';

describe('cache layouts', () => {
  test('separate: the cache volume at the image cache folder, each worker on a workspace volume of its own', () => {
    const plan = planLayout('separate', 'wg-1', '/home/worker/.cache/uv');
    expect(plan.cacheDir).toBe('/home/worker/.cache/uv');
    expect(workerMounts(plan, 'wg-1', 'b2')).toEqual({
      'wg-1-origin': '/worker-gate-origin',
      'wg-1-separate-ws-b2': '/workspace',
      'wg-1-separate-cache': '/home/worker/.cache/uv',
    });
  });

  test('shared: one volume at /workspace holds the cache and every workspace', () => {
    const plan = planLayout('shared', 'wg-1', '/home/worker/.cache/uv');
    expect(plan.cacheDir).toBe('/workspace/.uv-cache');
    expect(workerMounts(plan, 'wg-1', 'a')).toEqual({
      'wg-1-origin': '/worker-gate-origin',
      'wg-1-shared': '/workspace',
    });
  });

  test('separate: every developer clones to one path, each on its own volume (uv keys local builds on the path)', () => {
    const plan = planLayout('separate', 'wg-1', '/home/worker/.cache/uv');
    for (const worker of ['a', 'b1', 'c2', 'fix-local-rebuilds-1b'])
      expect(projectDir(plan, worker)).toBe('/workspace/project');
    expect(clonedFolders(plan, 'b1')).toEqual(['/workspace/project']);
    // try-fixes' fixed copies: one path of their own, so an as-is build does not replace theirs.
    expect(fixedProjectDir(plan, 'fix-local-rebuilds-1b')).toBe('/workspace/project-fixed');
    expect(fixedProjectDir(plan, 'fix-local-rebuilds-2b')).toBe('/workspace/project-fixed');
  });

  test('shared: the developers share one volume, so each clones into a folder of its own', () => {
    const plan = planLayout('shared', 'wg-1', '/home/worker/.cache/uv');
    expect(projectDir(plan, 'a')).toBe('/workspace/a/project');
    expect(projectDir(plan, 'b1')).toBe('/workspace/b1/project');
    expect(clonedFolders(plan, 'b1')).toEqual(['/workspace/b1', '/workspace/b1/project']);
  });
});
