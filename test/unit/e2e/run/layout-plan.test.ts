import { describe, expect, test } from 'vitest';
import { planLayout, projectDir, workerMounts } from '../../../../src/e2e/run/layout-plan.js';

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

  test('projects sit at the same path in both layouts', () => {
    expect(projectDir('b1')).toBe('/workspace/b1/project');
  });
});
