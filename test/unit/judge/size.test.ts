import { describe, expect, test } from 'vitest';
import { compareWithBaseline, grownLayers } from '../../../src/baseline/baseline.js';
import { maxImageSizeCheck, maxSizeIncreaseCheck } from '../../../src/judge/size.js';

const base = [
  { createdBy: 'import', sizeBytes: 120_000_000 },
  { createdBy: '/bin/sh -c apt-get install git', sizeBytes: 90_000_000, dockerfileLine: 5 },
  { createdBy: '/bin/sh -c #(nop)  USER worker', sizeBytes: 0 },
];
const grown = [
  { createdBy: 'import', sizeBytes: 120_000_000 },
  { createdBy: '/bin/sh -c apt-get install git', sizeBytes: 95_000_000, dockerfileLine: 5 },
  { createdBy: '/bin/sh -c pip install ruff', sizeBytes: 30_000_000, dockerfileLine: 8 },
  { createdBy: '/bin/sh -c #(nop)  USER worker', sizeBytes: 0 },
];

describe('size', () => {
  test('over budget: both figures and the overshoot in the message, largest layers named', () => {
    const check = maxImageSizeCheck(245_000_000, 200_000_000, grown, 'Dockerfile');
    expect(check.status).toBe('fail');
    expect(check.summary).toContain(
      'the image is 245.0 MB (245,000,000 B), over max-image-size 200.0 MB (200,000,000 B) by 45.0 MB',
    );
    expect(check.summary).toContain('95.0 MB (95,000,000 B) `RUN apt-get install git` at Dockerfile:5');
  });

  test('within budget passes', () => {
    expect(maxImageSizeCheck(100, 100, [], undefined).status).toBe('pass');
  });

  test('grown layers pair by instruction; a new layer grew by its whole size', () => {
    expect(grownLayers(grown, base)).toEqual([
      {
        createdBy: '/bin/sh -c pip install ruff',
        deltaBytes: 30_000_000,
        dockerfileLine: 8,
        index: 2,
        new: true,
      },
      { createdBy: '/bin/sh -c apt-get install git', deltaBytes: 5_000_000, dockerfileLine: 5, index: 1 },
    ]);
  });

  test('an edited line pairs with its old self: only its growth counts, and its old text is kept', () => {
    const edited = grown.map((l) =>
      l.dockerfileLine === 5 ? { ...l, createdBy: '/bin/sh -c apt-get install git jq' } : l,
    );
    expect(grownLayers(edited, base)[1]).toEqual({
      createdBy: '/bin/sh -c apt-get install git jq',
      baselineCreatedBy: '/bin/sh -c apt-get install git',
      deltaBytes: 5_000_000,
      dockerfileLine: 5,
      index: 1,
    });
  });

  const baseline = compareWithBaseline(
    { sizeBytes: 245_000_000, layers: grown },
    { ref: 'old', sizeBytes: 210_000_000, layers: base },
  );

  test('baseline delta in bytes and percent', () => {
    expect(baseline).toMatchObject({
      source: 'image',
      image: { ref: 'old', sizeBytes: 210_000_000 },
      sizeDeltaBytes: 35_000_000,
      sizeDeltaPercent: 16.67,
    });
  });

  test('max-size-increase by bytes or percent, with both figures and the layer that grew most', () => {
    const bytes = maxSizeIncreaseCheck(baseline, { kind: 'bytes', bytes: 10_000_000 }, 'Dockerfile');
    expect(bytes.status).toBe('fail');
    expect(bytes.summary).toContain(
      'grew by +35.0 MB (35,000,000 B), +16.7 %, against old at 210.0 MB (210,000,000 B), over max-size-increase 10.0 MB',
    );
    expect(bytes.summary).toContain('+30.0 MB (30,000,000 B) `RUN pip install ruff` at Dockerfile:8');
    expect(bytes.line).toBe(8);
    expect(maxSizeIncreaseCheck(baseline, { kind: 'percent', percent: 20 }).status).toBe('pass');
    expect(maxSizeIncreaseCheck(baseline, { kind: 'percent', percent: 10 }).status).toBe('fail');
  });
});
