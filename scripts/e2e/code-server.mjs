// Runs code-server (VS Code's workbench and extension host, installed by scripts/setup-e2e.sh) with a throw-away
// profile: its own user data, extensions and config, so nothing of the machine's VS Code or ~/.config is read or written.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { CODE_SERVER_BIN, E2E_ROOT } from './paths.mjs';

/** The user settings of every profile: no welcome page (it swallowed Quick Open in the recipe), no network chatter. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.layoutControl.enabled': false,
  'git.enabled': false,
};

export function checkSetup() {
  const missing = [];
  if (!existsSync(CODE_SERVER_BIN)) missing.push(`code-server (${CODE_SERVER_BIN})`);
  if (missing.length > 0) throw new Error(`not set up: ${missing.join(', ')} missing. Run \`bash scripts/setup-e2e.sh\`.`);
}

/** A fresh profile folder under .e2e/, with the given settings over the defaults above. */
export function makeProfile(name, settings = {}) {
  const dir = join(E2E_ROOT, 'profiles', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'user-data/User'), { recursive: true });
  mkdirSync(join(dir, 'extensions'), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  writeFileSync(join(dir, 'user-data/User/settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  return { dir, userData: join(dir, 'user-data'), extensions: join(dir, 'extensions'), config: join(dir, 'config.yaml') };
}

/** A copy of a workspace folder, so that nothing the editor or the extension writes lands in the repository. */
export function copyWorkspace(source, name) {
  // The copy keeps the folder's own name, which the Explorer shows.
  const parent = join(E2E_ROOT, 'workspaces', name);
  const target = join(parent, basename(source));
  rmSync(parent, { recursive: true, force: true });
  mkdirSync(parent, { recursive: true });
  cpSync(source, target, { recursive: true });
  return target;
}

function profileArgs(profile) {
  return ['--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

export function installExtension(profile, vsix) {
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  const output = execFileSync(CODE_SERVER_BIN, [...profileArgs(profile), '--install-extension', vsix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!/successfully installed/i.test(output)) throw new Error(`installing ${vsix} into code-server failed:\n${output}`);
  return output.trim();
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts code-server on a free port and resolves once it answers; `stop()` ends it and every process it started. */
export async function startCodeServer(profile, folder) {
  const port = await freePort();
  const log = join(profile.dir, 'code-server.log');
  return serveDetached({
    label: 'code-server',
    command: CODE_SERVER_BIN,
    args: [...profileArgs(profile), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', folder],
    port,
    log,
    readyPath: '/healthz',
  });
}

/**
 * Spawns a server in its own process group (detached), so that `stop()` ends it with the extension hosts and
 * language servers it started, and resolves once `readyPath` answers on its port (30 s at most, or the log's path
 * in the error when it exits first). Shared by code-server's CLI and the bundled VS Code server.
 */
export async function serveDetached({ label, command, args, env = process.env, port, log, readyPath }) {
  const url = `http://127.0.0.1:${port}`;
  const out = openSync(log, 'w');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`${label} exited at start; see ${log}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${label} did not answer on ${url} within 30 s; see ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  return { url, port, log, pid: child.pid, stop };
}
