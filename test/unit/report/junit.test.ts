// The JUnit file read back by a real XML/JUnit reader (fast-xml-parser), the
// way CI systems read it: suites, cases, failures and their messages.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { renderJunit } from '../../../src/report/junit.js';
import { loadFixture, loadFixtures } from './fixtures.js';

interface Problem {
  message: string;
  type: string;
  '#text'?: string;
}
interface TestCase {
  classname: string;
  name: string;
  time: string;
  failure?: Problem;
  error?: Problem;
  'system-out'?: string;
}
interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  time: string;
  testcase: TestCase[];
}
interface Parsed {
  testsuites: { name: string; tests: string; failures: string; errors: string; testsuite: TestSuite[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

function read(report: Report): Parsed['testsuites'] {
  const xml = renderJunit(report);
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as Parsed).testsuites;
}

function suite(parsed: Parsed['testsuites'], name: string): TestSuite {
  const found = parsed.testsuite.find((s) => s.name === name);
  if (!found) throw new Error(`no suite ${name} in ${parsed.testsuite.map((s) => s.name).join(', ')}`);
  return found;
}

describe('renderJunit', () => {
  it('is well-formed, and its counts add up, for every fixture', () => {
    for (const { name, report } of loadFixtures()) {
      const parsed = read(report);
      const cases = parsed.testsuite.flatMap((s) => s.testcase);
      expect(Number(parsed.tests), name).toBe(cases.length);
      expect(Number(parsed.failures), name).toBe(cases.filter((c) => c.failure).length);
      expect(Number(parsed.errors), name).toBe(cases.filter((c) => c.error).length);
      for (const s of parsed.testsuite) {
        expect(Number(s.tests)).toBe(s.testcase.length);
        expect(Number(s.failures)).toBe(s.testcase.filter((c) => c.failure).length);
      }
      // Every failed gate shows up as a failing test case somewhere.
      if (report.verdict === 'fail') expect(Number(parsed.failures), name).toBeGreaterThan(0);
    }
  });

  it('has a test case per check, failures carrying the check detail', () => {
    const report = loadFixture('synthetic-contract-fail');
    const contract = suite(read(report), 'worker-gate.contract');
    expect(contract.testcase.map((c) => c.name)).toEqual(report.checks.map((c) => c.id));
    const ruff = contract.testcase.find((c) => c.name === 'forbid-package:ruff');
    expect(ruff?.failure?.message).toBe(
      'ruff 0.8.4 is installed in /usr/local/lib/python3.12/site-packages and stands alone (a leftover tool)',
    );
    expect(ruff?.failure?.['#text']).toContain(
      'found: /usr/local/lib/python3.12/site-packages/ruff-0.8.4.dist-info',
    );
    expect(ruff?.failure?.['#text']).toContain('Dockerfile line 13');
    expect(contract.failures).toBe(String(report.checks.filter((c) => c.status === 'fail').length));
    const pinned = contract.testcase.find((c) => c.name === 'pinned-images');
    expect(pinned?.failure).toBeUndefined();
    expect(pinned?.['system-out']).toMatch(/^warning: /);
  });

  it('has a test case per phase of every run, timed, with the proved state of each setup', () => {
    const report = loadFixture('synthetic-both');
    const e2e = suite(read(report), 'worker-gate.e2e');
    const phases = (report.e2e?.runs ?? []).flatMap((r) => r.phases);
    expect(e2e.testcase).toHaveLength(phases.length);
    expect(new Set(e2e.testcase.map((c) => `${c.classname}/${c.name}`)).size).toBe(phases.length);
    const warmSetup = e2e.testcase.find(
      (c) => c.classname === 'worker-gate.e2e.shared.run5-B-warm' && c.name === 'setup',
    );
    expect(warmSetup?.time).toBe('2.580');
    expect(warmSetup?.['system-out']).toBe('proved state: warm\ndownloads: 0\nlink mode: hardlink');
    expect(Number(e2e.time)).toBeCloseTo(
      phases.reduce((s, p) => s + p.seconds, 0),
      2,
    );
  });

  it('fails the phase that failed, with its exit status and log tail, colour codes removed', () => {
    const parsed = read(loadFixture('synthetic-e2e-fail'));
    const failed = suite(parsed, 'worker-gate.e2e').testcase.filter((c) => c.failure);
    expect(failed.map((c) => c.name)).toEqual(['test']);
    expect(failed[0]?.failure?.message).toBe('worker A (cold, separate) test: exit 2');
    expect(failed[0]?.failure?.['#text']).toContain("E       AssertionError: assert Money('10.00', 'EUR')");
    expect(failed[0]?.failure?.['#text']).toContain('<bound method Invoice.total');
    expect(failed[0]?.failure?.['#text']).not.toContain('\u001b');
    // The e2e gate is the failed phase itself; the timing gate has its check.
    expect(parsed.testsuite.map((s) => s.name)).not.toContain('worker-gate.gates');
    expect(suite(parsed, 'worker-gate.timing').testcase.map((c) => c.name)).toEqual(['min-setup-speedup']);
  });

  it('reports a run that could not finish as an error with its cause', () => {
    const parsed = read(loadFixture('synthetic-error-early'));
    const run = suite(parsed, 'worker-gate.run');
    expect(run.testcase[0]?.error?.message).toMatch(/^base image python:3\.12-slim .* is not in the engine/);
    expect(run.testcase[0]?.error?.['#text']).toContain('pull access denied');
    expect(parsed.errors).toBe('1');
  });

  it('gives a failure that no check or phase shows a test case of its own', () => {
    const report: Report = structuredClone(loadFixture('synthetic-error-early'));
    report.verdict = 'fail';
    delete report.error;
    report.failures = [
      { gate: 'build', message: 'RUN apt-get install -y nope exited 100', file: 'Dockerfile', line: 7 },
      { gate: 'build', message: 'a second one' },
    ];
    const gates = suite(read(report), 'worker-gate.gates');
    expect(gates.testcase.map((c) => c.name)).toEqual(['build', 'build #2']);
    expect(gates.testcase[0]?.failure?.['#text']).toBe(
      'RUN apt-get install -y nope exited 100\nDockerfile:7',
    );
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const report: Report = structuredClone(loadFixture('synthetic-contract-fail'));
    const nasty = 'a <b> & "c" \'d\'\u0007\u001b[31m red\u001b[0m\nsecond line';
    const check = report.checks.find((c) => c.status === 'fail');
    if (check) check.detail = nasty;
    const xml = renderJunit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('message="a &lt;b&gt; &amp; &quot;c&quot; \'d\' red&#10;second line"');
    const decoded = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      htmlEntities: true,
      isArray: (n) => n === 'testsuite' || n === 'testcase',
    });
    const again = (decoded.parse(xml) as Parsed).testsuites.testsuite
      .flatMap((s) => s.testcase)
      .find((c) => c.name === check?.id);
    expect(again?.failure?.message).toBe('a <b> & "c" \'d\' red\nsecond line');
  });
});
