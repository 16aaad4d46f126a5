// `npm run test:e2e`: the packaged extension (out/data-platform-lens.vsix, from `npm run package`) installed into
// code-server (from scripts/setup-e2e.sh) and driven in Chromium, on examples/demo, then on a git repository made
// from it for "Review Changes Against Base", then on the demo again with its language server killed. Writes
// .e2e/results/workbench.txt, whose last lines are the measured activation time and `N passed, N failed`, and
// workbench-failure-N.png for each failed check; exits 1 when one failed.
import { join } from 'node:path';
import { E2E_ROOT } from '../../scripts/e2e/paths.mjs';
import { demoSuite } from './demo.e2e.mjs';
import { Suite } from './harness.mjs';
import { restartSuite } from './restart.e2e.mjs';
import { reviewSuite } from './review.e2e.mjs';

const suite = new Suite('Data Platform Lens end-to-end: the workbench (code-server + Chromium)', join(E2E_ROOT, 'results'), 'workbench');
// A hung browser or server must fail the run with a reason, not hold CI until its own timeout.
const watchdog = setTimeout(() => {
  console.error('end-to-end tests did not finish within 10 minutes');
  process.exit(1);
}, 10 * 60_000);
watchdog.unref();

await demoSuite(suite);
await reviewSuite(suite);
await restartSuite(suite);
const activation = suite.activation ? `activation: ${suite.activation.label}` : 'activation: not measured';
const file = suite.finish([activation]);
const passed = suite.results.length - suite.failed;
suite.log(activation);
suite.log(`${passed} passed, ${suite.failed} failed (results: ${file})`);
process.exit(suite.failed > 0 ? 1 : 0);
