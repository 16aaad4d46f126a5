// Runs the VS Code server inside the code-server package (lib/vscode/out/server-main.js) rather than code-server's own
// CLI: the workbench honours the `?payload=` URL's extensionDevelopmentPath and extensionTestsPath only from this
// server on newer lines (it needs --enable-smoke-test-driver, which code-server's CLI rejects), and it alone can run
// with workspace trust enabled. See ../shared/e2e/RECIPE.md, pitfalls 9 and 10.
import { join } from 'node:path';
import { freePort, serveDetached } from './code-server.mjs';
import { E2E_ROOT } from './paths.mjs';

export const VSCODE_SERVER_MAIN = join(E2E_ROOT, 'code-server/node_modules/code-server/lib/vscode/out/server-main.js');

/**
 * Starts the server for a profile from `makeProfile` on a free port and resolves once it answers. With
 * `trust: true` workspace trust is switched off (every folder is trusted); with `trust: false` it stays on, so a
 * folder never trusted before opens in restricted mode. `env` is added to the environment, which the extension host
 * and the language server inherit. `stop()` ends the server and every process it started.
 */
export async function startVSCodeServer(profile, { trust = true, env = {} } = {}) {
  const port = await freePort();
  const log = join(profile.dir, 'vscode-server.log');
  const args = [
    VSCODE_SERVER_MAIN,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--enable-smoke-test-driver',
    '--user-data-dir', profile.userData,
    '--server-data-dir', join(profile.dir, 'server-data'),
    '--extensions-dir', profile.extensions,
    ...(trust ? ['--disable-workspace-trust'] : []),
  ];
  return serveDetached({ label: 'the VS Code server', command: process.execPath, args, env: { ...process.env, ...env }, port, log, readyPath: '/version' });
}

/** The URI under which the workbench's remote (Node) extension host sees a path of this machine. */
export function remoteUri(server, path) {
  return `vscode-remote://127.0.0.1:${server.port}${path}`;
}
