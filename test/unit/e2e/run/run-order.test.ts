import { describe, expect, test } from 'vitest';
import { planLayout } from '../../../../src/e2e/run/layout-plan.js';
import { developerOrder, freshCachePlan } from '../../../../src/e2e/run/run-order.js';

const order = (cold: number, warm: number, aIsCold = true) =>
  developerOrder(cold, warm, aIsCold).map((s) => `${s.dir} ${s.kind}${s.freshCache ? ' fresh' : ''}`);

describe('the order of a layout’s developer runs', () => {
  test('one cold run: developer A, then every warm run, as before', () => {
    expect(order(1, 3)).toEqual(['a cold', 'b1 warm', 'b2 warm', 'b3 warm']);
  });

  test('cold and warm take turns; each further cold run is on a fresh cache', () => {
    expect(order(3, 3)).toEqual([
      'a cold',
      'b1 warm',
      'a2 cold fresh',
      'b2 warm',
      'a3 cold fresh',
      'b3 warm',
    ]);
  });

  test('the longer kind runs on once the other is done', () => {
    expect(order(3, 1)).toEqual(['a cold', 'b1 warm', 'a2 cold fresh', 'a3 cold fresh']);
    expect(order(2, 3)).toEqual(['a cold', 'b1 warm', 'a2 cold fresh', 'b2 warm', 'b3 warm']);
  });

  test("after a scaffolder's cold setup on the cache, A is warm and counts it as cold run 1", () => {
    expect(order(2, 2, false)).toEqual(['a warm', 'a2 cold fresh', 'b1 warm', 'b2 warm']);
    expect(developerOrder(2, 2, false)[1]?.ordinal).toBe(2);
  });

  test('a fresh cold run gets a cache volume of its own; the others keep the layout’s', () => {
    const plan = planLayout('separate', 'wg-r', '/home/w/.cache/uv');
    const [a, , a2] = developerOrder(2, 1, true);
    expect(freshCachePlan(plan, a as never).cacheVolume).toBe('wg-r-separate-cache');
    expect(freshCachePlan(plan, a2 as never)).toEqual({ ...plan, cacheVolume: 'wg-r-separate-cache-a2' });
  });
});
