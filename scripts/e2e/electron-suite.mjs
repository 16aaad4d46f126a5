// `npm run test:electron`: the extension-host suite of test/e2e/host/ (the one `npm run test:e2e:host` runs in
// code-server) in desktop VS Code, which @vscode/test-electron downloads from update.code.visualstudio.com. That is
// for contributors whose machines reach Microsoft's servers; this project's build machines do not, and use
// code-server instead. DPLENS_VSCODE_EXECUTABLE names a VS Code already on the machine (no download);
// DPLENS_VSCODE_VERSION picks the version to download (default: 1.100.3, the VS Code of code-server 4.100.3).
// On Linux, VS Code needs a display: run it under `xvfb-run -a` on a machine without one.
// Writes .e2e/results/electron.txt, whose last line is `N passed, N failed`, and exits 1 when anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests, TestRunFailedError } from '@vscode/test-electron';
import { HOST_TESTS, prepareHostWorkspaces } from './host-fixtures.mjs';
import { readWorkspaceResults, Report } from './host-results.mjs';
import { E2E_ROOT, REPO_ROOT } from './paths.mjs';

const VERSION = process.env.DPLENS_VSCODE_VERSION ?? '1.100.3';
const RESULTS = join(E2E_ROOT, 'results');
const RESULTS_FILE = join(RESULTS, 'electron.txt');
/** The suite's per-workspace files, apart from those of the code-server runner. */
const WORKSPACE_RESULTS = join(RESULTS, 'electron');

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (line) => console.log(`[electron ${seconds(started)}] ${line}`);

async function vscodeExecutable() {
  if (process.env.DPLENS_VSCODE_EXECUTABLE) return process.env.DPLENS_VSCODE_EXECUTABLE;
  try {
    return await downloadAndUnzipVSCode({ version: VERSION, cachePath: join(E2E_ROOT, 'vscode-test'), timeout: 30_000 });
  } catch (error) {
    throw new Error(
      `@vscode/test-electron could not download VS Code ${VERSION} from update.code.visualstudio.com (${error?.message ?? error}). ` +
        'Machines that cannot reach it run the same suite in code-server with `npm run test:e2e:host`; ' +
        'or set DPLENS_VSCODE_EXECUTABLE to a VS Code executable already on this machine.',
    );
  }
}

/** A fresh user-data and extensions folder; an untrusted profile keeps workspace trust on, without its dialog. */
function profile(trusted) {
  const dir = join(E2E_ROOT, 'profiles', trusted ? 'electron-trusted' : 'electron-untrusted');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'user-data/User'), { recursive: true });
  mkdirSync(join(dir, 'extensions'), { recursive: true });
  const settings = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoUpdate': false, 'git.enabled': false };
  if (!trusted) Object.assign(settings, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' });
  writeFileSync(join(dir, 'user-data/User/settings.json'), JSON.stringify(settings, null, 2));
  return [`--user-data-dir=${join(dir, 'user-data')}`, `--extensions-dir=${join(dir, 'extensions')}`];
}

/** Runs the suite on one workspace and resolves to VS Code's exit code. */
async function runWorkspace(executable, workspace) {
  const launchArgs = [workspace.path, ...profile(workspace.trusted)];
  const extensionTestsEnv = { DPLENS_E2E_RESULTS_DIR: WORKSPACE_RESULTS, DPLENS_E2E_GREP: process.env.DPLENS_E2E_GREP };
  if (workspace.trusted) {
    try {
      return await runTests({ vscodeExecutablePath: executable, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: HOST_TESTS, launchArgs, extensionTestsEnv });
    } catch (error) {
      if (error instanceof TestRunFailedError) return error.code ?? error.signal ?? 1;
      throw error;
    }
  }
  // runTests always adds --disable-workspace-trust, so the untrusted workspace is launched with the same arguments
  // (runTest.js in @vscode/test-electron) but that one.
  const args = [
    ...launchArgs,
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    `--extensionTestsPath=${HOST_TESTS}`,
    `--extensionDevelopmentPath=${REPO_ROOT}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { env: { ...process.env, ...extensionTestsEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

async function main() {
  mkdirSync(WORKSPACE_RESULTS, { recursive: true });
  rmSync(RESULTS_FILE, { force: true });
  const report = new Report(RESULTS_FILE, `Data Platform Lens extension-host suite: extension ${REPO_ROOT}, in VS Code from @vscode/test-electron`);
  try {
    if (!existsSync(join(REPO_ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build`');
    const executable = await vscodeExecutable();
    log(`VS Code: ${executable}`);
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) log('no DISPLAY: VS Code will not start unless this runs under `xvfb-run -a`');
    for (const workspace of prepareHostWorkspaces(join(E2E_ROOT, 'workspaces/electron'))) {
      const since = Date.now();
      const file = join(WORKSPACE_RESULTS, `host-${workspace.name}.txt`);
      rmSync(file, { force: true });
      log(`${workspace.name}: running (${workspace.trusted ? 'trusted' : 'untrusted'}, ${workspace.path})`);
      const result = readWorkspaceResults(file, await runWorkspace(executable, workspace));
      log(`${workspace.name}: ${result.passed} passed, ${result.failed} failed in ${seconds(since)}`);
      report.add(workspace.name, workspace.trusted, seconds(since), result);
    }
  } catch (error) {
    report.fail(error.message);
  }
  const ok = report.finish(seconds(started));
  console.log(`\n${report}\n\nresults: ${RESULTS_FILE}`);
  return ok;
}

process.exit((await main()) ? 0 : 1);
