// Runs `dplens check examples/demo` for `npm run demo`. The demo has deliberate findings, so the CLI's
// exit code 1 ("findings fail the run") is the expected outcome here; only 2 (a usage or IO error) fails.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', 'examples/demo', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status === 0 || result.status === 1 ? 0 : result.status ?? 2);
