// Runs both end-to-end suites on the package `npm run package` built: the mocha suite inside the extension host
// (scripts/e2e/host-suite.mjs, results in .e2e/results/host.txt) and the workbench suite driven through Chromium
// (test/e2e/run.mjs, results in .e2e/results/workbench.txt). Both run even when the first fails; the exit code is
// 1 when either failed, and the last line adds up both results files.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suites = [
  { name: 'extension host', script: 'scripts/e2e/host-suite.mjs', results: '.e2e/results/host.txt' },
  { name: 'workbench', script: 'test/e2e/run.mjs', results: '.e2e/results/workbench.txt' },
];

let passed = 0;
let failed = 0;
for (const suite of suites) {
  const run = spawnSync(process.execPath, [join(root, suite.script)], { cwd: root, stdio: 'inherit' });
  let last = '';
  try {
    last = readFileSync(join(root, suite.results), 'utf8').trim().split('\n').pop() ?? '';
  } catch {
    // A suite that died before writing its results counts as one failure below.
  }
  const counts = /^(\d+) passed, (\d+) failed$/.exec(last);
  if (!counts) {
    console.error(`The ${suite.name} suite wrote no result line to ${suite.results} (exit code ${run.status}).`);
    failed++;
    continue;
  }
  passed += Number(counts[1]);
  failed += Number(counts[2]);
  if (run.status !== 0 && Number(counts[2]) === 0) failed++;
}
console.log(`end-to-end: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
