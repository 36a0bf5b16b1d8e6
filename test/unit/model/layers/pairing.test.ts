import { describe, expect, test } from 'vitest';
import { pairLayers, similarity } from '../../../../src/model/layers/pairing.js';

describe('pairing layers by aligning instructions', () => {
  const base = ['FROM x', '/bin/sh -c apt-get install -y git make', '/bin/sh -c #(nop)  USER worker'];
  test('an edited RUN pairs with its old self; an inserted line is new and shifts nothing', () => {
    const current = [
      'FROM x',
      '/bin/sh -c echo hello > /etc/greeting',
      '/bin/sh -c apt-get install -y git make jq',
      '/bin/sh -c #(nop)  USER worker',
    ];
    expect(pairLayers(current, base)).toEqual([0, undefined, 1, 2]);
  });

  test('a removed line leaves the others paired; different kinds never pair', () => {
    expect(pairLayers(['FROM x', '/bin/sh -c #(nop)  USER worker'], base)).toEqual([0, 2]);
    expect(similarity('/bin/sh -c #(nop)  COPY a /x', '/bin/sh -c a /x')).toBe(0);
    expect(pairLayers(['FROM x', '/bin/sh -c #(nop)  COPY git make /', base[2] ?? ''], base)).toEqual([
      0,
      undefined,
      2,
    ]);
  });
});
