// One end-to-end session: a fresh profile with the packaged .vsix installed, code-server serving a copy of a
// workspace, and Chromium showing its workbench. Shared by the tests (test/e2e/run.mjs) and the README screenshots.
import { checkSetup, copyWorkspace, installExtension, makeProfile, startCodeServer } from './code-server.mjs';
import { VSIX_PATH } from './paths.mjs';
import { launchBrowser, Workbench } from './workbench.mjs';

/**
 * Starts a session on `folder`. `log` receives progress lines. `prepare(workspace)` may change the copy of the
 * folder before code-server opens it (make it a git repository, say); what it returns is the session's `prepared`.
 * The caller must `close()` the session, which ends the browser and code-server (with its extension host and the
 * language server).
 */
export async function startSession({ name, folder, log = () => {}, settings, viewport, prepare }) {
  checkSetup();
  const profile = makeProfile(name, settings);
  const workspace = copyWorkspace(folder, name);
  const prepared = prepare ? await prepare(workspace) : undefined;
  const started = Date.now();
  const installed = installExtension(profile, VSIX_PATH);
  log(`installed ${VSIX_PATH} in ${Date.now() - started} ms: ${installed.split('\n').pop()}`);
  const server = await startCodeServer(profile, workspace);
  log(`code-server on ${server.url} (log: ${server.log})`);
  let browser;
  const close = async () => {
    await browser?.close().catch(() => {});
    server.stop();
  };
  try {
    browser = await launchBrowser();
    const opened = Date.now();
    const workbench = await Workbench.open(browser, server.url, workspace, viewport);
    log(`workbench loaded in ${Date.now() - opened} ms`);
    return { workbench, workspace, prepared, profile, server, installed, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Reads the activation times that "Developer: Show Running Extensions" shows for an extension, e.g. "Startup Activation: 274ms". */
export async function activationTime(workbench, displayName) {
  await workbench.runCommand('Developer: Show Running Extensions');
  const row = workbench.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName }).first();
  await workbench.waitFor(row, `"${displayName}" in Running Extensions`);
  const text = await workbench.poll(() => row.innerText(), (value) => /Activation: \d+/.test(value), `an activation time for "${displayName}"`);
  const match = /(\w+ )?Activation: (\d+)\s*ms/.exec(text);
  await workbench.page.keyboard.press('Control+W');
  return match ? { milliseconds: Number(match[2]), label: match[0] } : undefined;
}
