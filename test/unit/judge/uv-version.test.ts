import { describe, expect, test } from 'vitest';
import { uvVersionCheck } from '../../../src/judge/uv-version.js';

describe('uv-version-change', () => {
  test('the same uv: no check', () => {
    expect(uvVersionCheck('0.13.9', '0.13.9', 'main')).toBeUndefined();
  });

  test('another uv: a warning naming both versions and the shared cache of the rollout', () => {
    const check = uvVersionCheck('0.14.0', '0.13.9', 'main');
    expect(check).toMatchObject({ id: 'uv-version-change', status: 'warn' });
    expect(check?.detail).toContain('the image has uv 0.14.0, the baseline (main) uv 0.13.9');
    expect(check?.detail).toContain('share one uv cache');
  });
});
