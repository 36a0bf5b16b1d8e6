// Prints the plain closing line CI reads, "N passed, N failed, N skipped",
// from vitest's own JSON results (test-results/results.json).
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/results.json';
let results;
try {
  results = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`test-count: cannot read ${file}: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const passed = results.numPassedTests ?? 0;
// A file that failed to load counts as one failure: its tests never ran.
const failed = (results.numFailedTests ?? 0) + countSuitesThatFailedToRun(results);
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);

function countSuitesThatFailedToRun(r) {
  return (r.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}
