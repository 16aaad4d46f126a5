// `npm run test:e2e`: the packaged extension (out/data-platform-lens.vsix, from `npm run package`) installed into
// code-server (from scripts/setup-e2e.sh) and driven in Chromium. Writes .e2e/results/results.txt, whose last line
// is `N passed, N failed`, and a screenshot for each failed check; exits 1 when a check failed.
import { join } from 'node:path';
import { E2E_ROOT } from '../../scripts/e2e/paths.mjs';
import { demoSuite } from './demo.e2e.mjs';
import { Suite } from './harness.mjs';

const suite = new Suite('Data Platform Lens end-to-end (code-server + Chromium)', join(E2E_ROOT, 'results'));
// A hung browser or server must fail the run with a reason, not hold CI until its own timeout.
const watchdog = setTimeout(() => {
  console.error('end-to-end tests did not finish within 10 minutes');
  process.exit(1);
}, 10 * 60_000);
watchdog.unref();

await demoSuite(suite);
const file = suite.finish(suite.activation ? [`activation: ${suite.activation.label}`] : []);
const passed = suite.results.length - suite.failed;
suite.log(`${passed} passed, ${suite.failed} failed (results: ${file})`);
process.exit(suite.failed > 0 ? 1 : 0);
