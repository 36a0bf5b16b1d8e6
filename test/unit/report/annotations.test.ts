import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { annotationsFor } from '../../../src/report/annotations.js';
import { loadFixture, loadFixtures } from './fixtures.js';

const DOCKERFILE = 'images/worker-base-common/Dockerfile';

describe('annotationsFor', () => {
  it('gives every fixture annotations GitHub accepts: a level, a title, a message, a line only with a file', () => {
    for (const { name, report } of loadFixtures()) {
      for (const a of annotationsFor(report)) {
        expect(['error', 'warning'], name).toContain(a.level);
        expect(a.title, name).toMatch(/^worker-gate: /);
        expect(a.message.length, name).toBeGreaterThan(0);
        if (a.line !== undefined) {
          expect(a.file, name).toBeDefined();
          expect(Number.isInteger(a.line) && a.line >= 1, name).toBe(true);
        }
      }
    }
  });

  it('points every failure of one pip install at its Dockerfile line, in one annotation', () => {
    const annotations = annotationsFor(loadFixture('synthetic-contract-fail'));
    const errors = annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: DOCKERFILE,
      line: 13,
      title: 'worker-gate: 14 gates failed here',
    });
    const lines = errors[0]?.message.split('\n') ?? [];
    expect(lines).toHaveLength(14);
    expect(lines[0]).toBe('forbid-command:ruff: ruff is on PATH at /usr/local/bin/ruff for worker and root');
    expect(lines).toContain('max-size-increase: this layer grew by +90.7 MB');
    expect(lines.find((l) => l.startsWith('forbid-package:ruff:'))).toContain(
      '(found /usr/local/lib/python3.12/site-packages/ruff-0.8.4.dist-info)',
    );
  });

  it('warns about an unpinned image at its FROM line when the gate is not required', () => {
    const warnings = annotationsFor(loadFixture('synthetic-contract-fail')).filter(
      (a) => a.level === 'warning',
    );
    expect(warnings).toEqual([
      {
        level: 'warning',
        title: 'worker-gate: pinned-images',
        message: '1 image is not pinned to an exact tag or digest: ghcr.io/astral-sh/uv:latest',
        file: DOCKERFILE,
        line: 3,
      },
    ]);
  });

  it('annotates nothing for a passing image with pinned bases', () => {
    expect(annotationsFor(loadFixture('synthetic-pass'))).toEqual([]);
    expect(annotationsFor(loadFixture('synthetic-both'))).toEqual([]);
  });

  it('annotates a failure that carries a file at that file and line, and leaves out failures that carry none', () => {
    const report: Report = structuredClone(loadFixture('synthetic-error-early'));
    report.failures = [
      {
        gate: 'build',
        message: 'RUN apt-get install -y nope exited 100',
        file: 'docker/Dockerfile',
        line: 7,
      },
      { gate: 'e2e', message: 'worker A (cold, separate): phase test exited 2' },
    ];
    expect(annotationsFor(report)).toEqual([
      {
        level: 'error',
        title: 'worker-gate: build',
        message: 'RUN apt-get install -y nope exited 100',
        file: 'docker/Dockerfile',
        line: 7,
      },
    ]);
  });

  it('keeps one annotation per line when the failures of a check point at several lines', () => {
    const report: Report = structuredClone(loadFixture('synthetic-contract-fail'));
    const check = report.checks.find((c) => c.id === 'forbid-package:pytest');
    check?.found?.push({
      path: '/usr/lib/python3/dist-packages/pytest',
      layer: { index: 9, createdBy: 'RUN apt-get install python3-pytest', dockerfileLine: 7 },
    });
    const errors = annotationsFor(report).filter((a) => a.level === 'error');
    expect(errors.map((a) => a.line)).toEqual([13, 7]);
    expect(errors[1]?.title).toBe('worker-gate: forbid-package:pytest');
    expect(errors[1]?.message).toContain('(found /usr/lib/python3/dist-packages/pytest)');
  });

  it('warns about an unpinned image with no Dockerfile known, without a place', () => {
    const report: Report = structuredClone(loadFixture('synthetic-contract-fail'));
    report.failures = [];
    if (report.image) delete report.image.dockerfile;
    expect(annotationsFor(report)).toEqual([
      {
        level: 'warning',
        title: 'worker-gate: pinned-images',
        message: '1 image is not pinned to an exact tag or digest: ghcr.io/astral-sh/uv:latest',
      },
    ]);
  });
});
