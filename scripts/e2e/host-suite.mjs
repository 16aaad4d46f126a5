// `npm run test:e2e:host`: the mocha suite of test/e2e/host/ run inside VS Code's extension host, with the real
// `vscode` API, against the extension's development path (this repository, with dist/ from `npm run build`).
//
// For each fixture workspace (scripts/e2e/host-fixtures.mjs) it opens code-server's workbench in Chromium with the
// `?payload=` URL naming extensionDevelopmentPath and extensionTestsPath; VS Code then runs test/e2e/host/index.js
// and reports its exit code through window.codeAutomationExit. Each workspace gets a server and profile of its own,
// with workspace trust off, or on for the untrusted workspace. While a suite runs, the status bar item is
// read from the DOM, since the API cannot read it. Writes .e2e/results/host.txt, whose last line is
// `N passed, N failed`, and exits 1 when anything failed. See ../shared/e2e/RECIPE.md.
//
// Environment: DPLENS_E2E_EXTENSION runs another copy of the extension (its test/e2e/host/ is used, so that the tests
// share its `vscode` API object); DPLENS_E2E_ONLY=<name,...> runs some workspaces; DPLENS_E2E_GREP filters tests.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { checkSetup, makeProfile } from './code-server.mjs';
import { HOST_TESTS, prepareHostWorkspaces } from './host-fixtures.mjs';
import { readWorkspaceResults, Report } from './host-results.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_ROOT, REPO_ROOT } from './paths.mjs';
import { remoteUri, startVSCodeServer, VSCODE_SERVER_MAIN } from './vscode-server.mjs';

const EXTENSION = process.env.DPLENS_E2E_EXTENSION ?? REPO_ROOT;
const TESTS = join(EXTENSION, relative(REPO_ROOT, HOST_TESTS));
const RESULTS = join(E2E_ROOT, 'results');
const RESULTS_FILE = join(RESULTS, 'host.txt');
/** How long one workspace's suite may take, from opening the page to codeAutomationExit. */
const SUITE_TIMEOUT = Number(process.env.DPLENS_E2E_SUITE_TIMEOUT_MS ?? 180_000);
const ONLY = process.env.DPLENS_E2E_ONLY?.split(',').map((name) => name.trim());

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (line) => console.log(`[host ${seconds(started)}] ${line}`);
/** A path as short as it reads well: relative to the working folder when inside it. */
const shown = (path) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));

// A hung browser or server must fail the run with a reason, not hold CI until its own timeout.
const watchdog = setTimeout(() => {
  console.error('the extension-host suite did not finish within 10 minutes');
  process.exit(1);
}, 10 * 60_000);
watchdog.unref();

function checkPrerequisites() {
  checkSetup();
  if (!existsSync(VSCODE_SERVER_MAIN)) throw new Error(`${VSCODE_SERVER_MAIN} is missing: run \`bash scripts/setup-e2e.sh\``);
  if (!existsSync(join(EXTENSION, 'dist/extension.js'))) throw new Error(`${EXTENSION}/dist/extension.js is missing: run \`npm run build\``);
  if (!existsSync(TESTS)) throw new Error(`${TESTS} is missing: the tests must lie inside the extension's folder`);
}

/**
 * The status bar item, as the workbench shows it while the suite runs: "Data Platform Lens: restricted" in an
 * untrusted workspace, "Data Platform Lens" (after an icon) otherwise. Resolves to a result line.
 */
function watchStatusBar(page, trusted) {
  const expected = trusted ? 'Data Platform Lens' : 'Data Platform Lens: restricted';
  const title = `[workbench] the status bar shows "${expected}"`;
  const item = page.locator('.statusbar-item', { hasText: trusted ? /^\s*Data Platform Lens\s*$/ : /Data Platform Lens: restricted/ }).first();
  let seen = false;
  item.waitFor({ timeout: SUITE_TIMEOUT }).then(() => (seen = true), () => {});
  // The item goes away with the extension host once the tests are over, so it is looked for while they run.
  return async () => {
    if (!seen) await item.waitFor({ timeout: 1000 }).then(() => (seen = true), () => {});
    if (seen) return { ok: true, title };
    const texts = await page.locator('.statusbar-item').allInnerTexts().catch(() => []);
    return { ok: false, title, reason: `not seen while the suite ran; at the end the status bar showed ${JSON.stringify(texts.map((text) => text.trim()).filter(Boolean))}` };
  };
}

/** Opens the workspace with the test payload and waits for VS Code to report the suite's exit code. */
async function runWorkspace(browser, server, workspace) {
  const since = Date.now();
  const resultsFile = join(RESULTS, `host-${workspace.name}.txt`);
  const screenshot = join(RESULTS, `host-${workspace.name}.png`);
  for (const stale of [resultsFile, screenshot]) rmSync(stale, { force: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pageLog = [];
  page.on('console', (message) => pageLog.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => pageLog.push(`[pageerror] ${error.message}`));
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server, EXTENSION)],
    ['extensionTestsPath', remoteUri(server, TESTS)],
  ];
  const target = `${workspace.kind === 'workspace' ? 'workspace' : 'folder'}=${encodeURIComponent(workspace.path)}`;
  const url = `${server.url}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const extra = [];
  let exitCode;
  try {
    let settle;
    const exited = new Promise((resolve) => (settle = resolve));
    const timer = setTimeout(() => settle('timeout'), SUITE_TIMEOUT);
    // VS Code's web workbench calls window.codeAutomationExit(code) once the extension-tests run() has settled.
    await page.exposeFunction('codeAutomationExit', (code) => settle(code));
    const statusBar = watchStatusBar(page, workspace.trusted);
    await page.goto(url);
    exitCode = await exited;
    clearTimeout(timer);
    extra.push(await statusBar());
    // The window stays open after the tests, so a failure's screenshot shows the workbench as they left it.
    if (exitCode !== 0) await page.screenshot({ path: screenshot }).catch(() => {});
    if (exitCode === 'timeout') extra.push({ ok: false, title: '[runner] the suite finishes', reason: `no exit code within ${SUITE_TIMEOUT / 1000} s; screenshot ${screenshot}` });
  } finally {
    writeFileSync(join(RESULTS, `host-${workspace.name}.log`), `${pageLog.join('\n')}\n`);
    await context.close().catch(() => {});
  }
  return { ...readWorkspaceResults(resultsFile, exitCode, extra), duration: seconds(since) };
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  rmSync(RESULTS_FILE, { force: true });
  const report = new Report(RESULTS_FILE, `Data Platform Lens extension-host suite: extension ${EXTENSION}, in code-server's VS Code server and Chromium`);
  const env = { DPLENS_E2E_RESULTS_DIR: RESULTS, ...(process.env.DPLENS_E2E_GREP ? { DPLENS_E2E_GREP: process.env.DPLENS_E2E_GREP } : {}) };
  const servers = {};
  let browser;
  try {
    checkPrerequisites();
    const workspaces = prepareHostWorkspaces(join(E2E_ROOT, 'workspaces/host')).filter((workspace) => !ONLY || ONLY.includes(workspace.name));
    log(`fixtures copied; extension ${EXTENSION}`);
    // One server and profile per workspace, all started at once: no window inherits another's state.
    await Promise.all([
      chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS }).then((launched) => (browser = launched)),
      ...workspaces.map(async (workspace) => {
        // Workspace trust on, and no start-up dialog: an untrusted folder simply opens in restricted mode.
        const settings = workspace.trusted ? {} : { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' };
        servers[workspace.name] = await startVSCodeServer(makeProfile(`host-${workspace.name}`, settings), { trust: workspace.trusted, env });
      }),
    ]);
    for (const workspace of workspaces) {
      log(`${workspace.name}: running (${workspace.trusted ? 'trusted' : 'untrusted'}, ${workspace.path}; server log ${shown(servers[workspace.name].log)})`);
      const result = await runWorkspace(browser, servers[workspace.name], workspace);
      servers[workspace.name].stop();
      log(`${workspace.name}: ${result.passed} passed, ${result.failed} failed in ${result.duration}`);
      report.add(workspace.name, workspace.trusted, result.duration, result);
    }
  } catch (error) {
    report.fail(error.message);
  } finally {
    await browser?.close().catch(() => {});
    for (const server of Object.values(servers)) server.stop();
  }
  const ok = report.finish(seconds(started));
  console.log(`\n${report}\n\nresults: ${shown(RESULTS_FILE)}; the workbench's console (extension host included) of each workspace: ${shown(RESULTS)}/host-<workspace>.log`);
  return ok;
}

process.exit((await main()) ? 0 : 1);
