import { describe, expect, test } from 'vitest';
import { imageProblem, imageRefProblem } from '../../../src/config/image-ref.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe("Docker's reference grammar", () => {
  test.each([
    'worker',
    'worker:dev',
    'team/worker:1.2.3-rc_1',
    'ab_c__d---e/f.g',
    'localhost/worker',
    'localhost:5000/team/worker:x',
    'registry.example.com:443/w',
    'Registry.Example.com/w', // a host may have capitals, a path may not
    `worker:${'t'.repeat(128)}`,
    'worker:_tag',
  ])('%s is a tag', (ref) => {
    expect(imageRefProblem(ref, { digest: false })).toBeUndefined();
  });

  test.each([
    ['UPPER/Case:!!', 'the tag "!!" is not'],
    ['UPPER/case', '"UPPER" has capitals'],
    ['worker:Dev/x', 'the registry "worker:Dev" has a bad port'],
    ['worker:.dev', 'the tag ".dev" is not'],
    [`worker:${'t'.repeat(129)}`, 'is not 1-128'],
    ['worker:', 'the tag "" is not'],
    ['-worker', 'is not a name component'],
    ['worker_', 'is not a name component'],
    ['a//b', '"" is not a name component'],
    ['a b', 'is not a name component'],
    ['host:port/w', 'bad port'],
    ['my-.host.com/w', 'is not a host name'],
    [':tag', 'it has no name'],
    [`${'a'.repeat(256)}`, 'longer than 255'],
    [`w@${DIGEST}`, 'takes no @digest'],
  ])('%s is refused: %s', (ref, why) => {
    expect(imageRefProblem(ref, { digest: false })).toContain(why);
  });

  test('an image may carry a digest; an image id or a hex prefix names it too', () => {
    for (const ref of [`w@${DIGEST}`, `r.io/w:1@${DIGEST}`, DIGEST, '0123abcd']) {
      expect(imageProblem(ref)).toBeUndefined();
    }
    expect(imageProblem('w@sha256:abc')).toContain('64 lowercase hex digits');
    expect(imageProblem(`w@${DIGEST.toUpperCase()}`)).toContain('64 lowercase hex digits');
  });
});
