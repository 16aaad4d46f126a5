// Where the end-to-end tooling lives and how its browser is started; shared by the tests, the screenshots and the icon.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored scratch folder: code-server (installed by scripts/setup-e2e.sh), profiles, logs, failure screenshots. */
export const E2E_ROOT = process.env.E2E_ROOT ?? join(REPO_ROOT, '.e2e');
export const CODE_SERVER_BIN = join(E2E_ROOT, 'code-server/node_modules/.bin/code-server');
/** What `npm run package` writes; E2E_VSIX tests another package. */
export const VSIX_PATH = process.env.E2E_VSIX ?? join(REPO_ROOT, 'out/data-platform-lens.vsix');
export const DEMO_FOLDER = join(REPO_ROOT, 'examples/demo');
/** Debian's Chromium: Playwright never downloads a browser of its own here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
