// JUnit XML: a test suite per stage, a test case per check and per e2e phase,
// so CI systems that read JUnit (GitLab, Jenkins, test-report actions) show
// each gate as a test. A failed gate is a <failure>; a run that could not
// finish is an <error>.

import type { Report } from '../model/report.js';
import { cleanLog } from './format.js';
import type { CheckView } from './view/checks.js';
import { buildView, type View } from './view/index.js';
import type { PhaseView, RunView } from './view/runs.js';

interface Case {
  classname: string;
  name: string;
  seconds: number;
  failure?: { message: string; type: string; body: string };
  error?: { message: string; type: string; body: string };
  out?: string;
}

interface Suite {
  name: string;
  cases: Case[];
}

export function renderJunit(report: Report): string {
  return junitOf(buildView(report));
}

export function junitOf(view: View): string {
  const suites = [
    imageSuite(view),
    checkSuite(view, 'contract'),
    e2eSuite(view),
    checkSuite(view, 'timing'),
    auditSuite(view),
    gatesSuite(view),
    runSuite(view),
  ];
  const present = suites.filter((s): s is Suite => s !== undefined && s.cases.length > 0);
  const count = (pick: (c: Case) => boolean) => present.reduce((n, s) => n + s.cases.filter(pick).length, 0);
  const head = view.headline;
  const attrs = {
    name: 'worker-gate',
    tests: count(() => true),
    failures: count((c) => c.failure !== undefined),
    errors: count((c) => c.error !== undefined),
    time: seconds(head.seconds),
    timestamp: head.startedAt,
  };
  const body = present.map((s) => renderSuite(s, head.startedAt)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attributes(attrs)}>\n${body}</testsuites>\n`;
}

function imageSuite(view: View): Suite | undefined {
  const image = view.image;
  if (!image) return undefined;
  return {
    name: 'worker-gate.image',
    cases: [
      {
        classname: 'worker-gate.image',
        name: image.ref,
        seconds: 0,
        out: `${image.id}\nsize ${image.size} (${image.sizeBytes} bytes), user ${image.recordedUser}`,
      },
    ],
  };
}

function checkSuite(view: View, stage: 'contract' | 'timing'): Suite {
  const classname = `worker-gate.${stage}`;
  const checks = view.checks.filter((c) => c.stage === stage);
  // python-fits-template runs in the e2e stage but is a check like the others: keep it with the contract.
  if (stage === 'contract') checks.push(...view.checks.filter((c) => c.stage === 'e2e'));
  return { name: classname, cases: checks.map((c) => checkCase(classname, c)) };
}

function checkCase(classname: string, check: CheckView): Case {
  const found = check.findings.map((f) => {
    const parts = [f.path];
    if (f.version) parts.push(`version ${f.version}`);
    if (f.layer) parts.push(`layer ${f.layer.index}: ${f.layer.createdBy}`);
    if (f.layer?.line) parts.push(`Dockerfile line ${f.layer.line}`);
    if (f.requiredBy) parts.push(`required by ${f.requiredBy.join(', ')}`);
    if (f.allowedReason) parts.push(`allowed: ${f.allowedReason}`);
    if (f.note) parts.push(f.note);
    return `found: ${parts.join('; ')}`;
  });
  const body = [check.detail, ...found].join('\n');
  const c: Case = { classname, name: check.id, seconds: 0 };
  if (check.status === 'fail') c.failure = { message: check.detail, type: check.id, body };
  else c.out = check.status === 'warn' ? `warning: ${body}` : body;
  return c;
}

/** The audit: a test case per worker (and scaffolder) and check; over several hosts, each host's. */
function auditSuite(view: View): Suite {
  const audits = [
    { prefix: 'worker-gate.audit', audit: view.audit },
    ...(view.hosts?.sections ?? []).map((s) => ({ prefix: `worker-gate.audit.${s.host}`, audit: s.audit })),
  ];
  const cases = audits.flatMap(({ prefix, audit }) => [
    ...(audit?.workers ?? []).flatMap((w) =>
      w.checks.map((check) => checkCase(`${prefix}.${w.name}`, check)),
    ),
    ...(audit?.scaffolders?.rows ?? []).flatMap((s) =>
      s.checks.map((check) => checkCase(`${prefix}.scaffolder.${s.name}`, check)),
    ),
  ]);
  return { name: 'worker-gate.audit', cases };
}

function e2eSuite(view: View): Suite | undefined {
  const e2e = view.e2e;
  if (!e2e) return undefined;
  const cases = e2e.runs.rows.flatMap((run) => run.phases.map((phase) => phaseCase(run, phase)));
  return { name: 'worker-gate.e2e', cases };
}

function phaseCase(run: RunView, phase: PhaseView): Case {
  const classname = `worker-gate.e2e.${run.suite}`;
  const c: Case = { classname, name: phase.name, seconds: phase.seconds };
  const facts: string[] = [];
  if (phase.name === 'setup') {
    if (run.proved) facts.push(`proved state: ${run.proved.state}`);
    if (run.downloads !== undefined) facts.push(`downloads: ${run.downloads}`);
    if (run.linkMode) facts.push(`link mode: ${run.linkMode}`);
  }
  if (phase.failed) {
    const message = `${run.label} ${phase.name}: ${phase.outcome}`;
    c.failure = { message, type: 'phase', body: [...facts, phase.logTail ?? ''].filter(Boolean).join('\n') };
  } else if (facts.length > 0) {
    c.out = facts.join('\n');
  }
  return c;
}

/** Failures no check or phase shows: a failing build, a gate recorded without a check. */
function gatesSuite(view: View): Suite {
  const classname = 'worker-gate.gates';
  const seen = new Map<string, number>();
  const cases = view.unshownFailures.map((f): Case => {
    // Test case names must be unique within a suite for most readers.
    const nth = (seen.get(f.gate) ?? 0) + 1;
    seen.set(f.gate, nth);
    const name = nth > 1 ? `${f.gate} #${nth}` : f.gate;
    const where = f.place && (f.place.line ? `${f.place.file}:${f.place.line}` : f.place.file);
    const body = [f.message, where].filter(Boolean).join('\n');
    return { classname, name, seconds: 0, failure: { message: f.message, type: f.gate, body } };
  });
  return { name: classname, cases };
}

function runSuite(view: View): Suite | undefined {
  const error = view.error;
  if (!error) return undefined;
  const classname = 'worker-gate.run';
  const message = error.message ?? 'worker-gate could not finish the run';
  return {
    name: classname,
    cases: [
      {
        classname,
        name: view.headline.command,
        seconds: view.headline.seconds,
        error: { message, type: 'error', body: [message, error.detail].filter(Boolean).join('\n') },
      },
    ],
  };
}

function renderSuite(suite: Suite, timestamp: string): string {
  const attrs = {
    name: suite.name,
    tests: suite.cases.length,
    failures: suite.cases.filter((c) => c.failure).length,
    errors: suite.cases.filter((c) => c.error).length,
    skipped: 0,
    time: seconds(suite.cases.reduce((sum, c) => sum + c.seconds, 0)),
    timestamp,
  };
  return `  <testsuite${attributes(attrs)}>\n${suite.cases.map(renderCase).join('')}  </testsuite>\n`;
}

function renderCase(c: Case): string {
  const open = `    <testcase${attributes({ classname: c.classname, name: c.name, time: seconds(c.seconds) })}`;
  const inner: string[] = [];
  for (const [tag, problem] of [
    ['failure', c.failure],
    ['error', c.error],
  ] as const) {
    if (problem) {
      inner.push(
        `      <${tag}${attributes({ message: problem.message, type: problem.type })}>${text(problem.body)}</${tag}>\n`,
      );
    }
  }
  if (c.out) inner.push(`      <system-out>${text(c.out)}</system-out>\n`);
  return inner.length === 0 ? `${open}/>\n` : `${open}>\n${inner.join('')}    </testcase>\n`;
}

function seconds(value: number): string {
  return value.toFixed(3);
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${attr(String(v))}"`)
    .join('');
}

// XML 1.0 cannot carry most control characters, escaped or not: log tails are cleaned first.
function text(value: string): string {
  return cleanLog(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
