// The language server killed under a user's feet in code-server's workbench: the extension starts it again by
// itself, and the new server gets the open documents with their unsaved text. The server is found by its command
// line (this profile's installed extension's dist/server.js, which loads dist/server-main.js in the same process)
// and killed with SIGKILL, as a crash or the out-of-memory killer would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSession } from '../../scripts/e2e/session.mjs';
import { DEMO_FOLDER } from '../../scripts/e2e/paths.mjs';
import { assert } from './harness.mjs';

const MODEL = 'models/marts/finance/fct_revenue_daily.sql';
/** A misspelling the demo model has on disk, published from the file as saved. */
const SAVED_FINDING = 'stg_shop__ordrs';
/** A misspelling typed into the editor and never saved: only a server sent the editor's text can report it. */
const UNSAVED_FINDING = "ref('fct_order_itemz')";

/** The ids of the processes running the language server of the extension installed in `extensionsDir`. */
function languageServerPids(extensionsDir) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv;
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // The process ended while the list was read.
    }
    if (argv.some((arg) => arg.startsWith(`${extensionsDir}/`) && arg.endsWith('/dist/server.js'))) pids.push(Number(entry));
  }
  return pids;
}

/** The misspelling exists only in the editor: the file on disk still reads the correct ref. */
function assertSavedTextUnchanged(workspace) {
  const saved = readFileSync(join(workspace, MODEL), 'utf8');
  assert(saved.includes("ref('fct_order_items')") && !saved.includes(UNSAVED_FINDING), `${MODEL} was saved with the edit, so the test no longer shows that unsaved text is sent`);
}

export async function restartSuite(suite) {
  const opened = `a language server runs for ${MODEL} in a fresh workbench, with its diagnostics shown`;
  let session;
  let before;
  await suite.check(opened, async () => {
    // VS Code for the web saves edits after a delay by default; this test needs an edit that stays unsaved.
    session = await startSession({ name: 'restart', folder: DEMO_FOLDER, settings: { 'files.autoSave': 'off' }, log: (line) => suite.log(line) });
    suite.page = session.workbench.page;
    const wb = session.workbench;
    await wb.openFile(MODEL);
    const item = wb.page.locator('.statusbar-item', { hasText: 'Data Platform Lens' }).first();
    await wb.waitFor(item.locator('.codicon-check'), 'the status bar item to show the server running (a check icon)');
    await wb.problems(SAVED_FINDING);
    before = await wb.poll(
      async () => languageServerPids(session.profile.extensions),
      (pids) => Array.isArray(pids) && pids.length === 1,
      `one language server process of ${session.profile.extensions}`,
    );
    return `language server pid ${before[0]}`;
  });

  try {
    const wb = session?.workbench;
    const typed = `typing ${UNSAVED_FINDING} into ${MODEL} without saving is reported`;
    await suite.check(typed, async () => {
      // The cursor after the last letter of ref('fct_order_items') on line 22; the s becomes a z.
      await wb.goToLine(22, 42);
      await wb.page.keyboard.press('Backspace');
      await wb.page.keyboard.type('z');
      // The completion list that typing inside ref('…') opens would take the next keys.
      await wb.page.keyboard.press('Escape');
      await wb.waitFor(wb.editorLine(UNSAVED_FINDING), `line 22 to read ${UNSAVED_FINDING}`);
      await wb.waitFor(wb.page.locator('.tabs-container .tab.active.dirty'), `the tab of ${MODEL} to show unsaved changes`);
      const row = await wb.problems(UNSAVED_FINDING);
      assertSavedTextUnchanged(session.workspace);
      return (await row.innerText()).replace(/\s+/g, ' ');
    }, { requires: [opened] });

    await suite.check('after the language server is killed (SIGKILL), the extension restarts it by itself and the new server reports the unsaved text again', async () => {
      const killedAt = Date.now();
      process.kill(before[0], 'SIGKILL');
      // The client drops the dead server's diagnostics, so any shown afterwards come from the new server.
      await wb.poll(
        () => wb.page.locator('.markers-panel .monaco-list-row', { hasText: UNSAVED_FINDING }).count(),
        (count) => count === 0,
        "the Problems panel to drop the dead server's diagnostics",
      );
      const after = await wb.poll(
        async () => languageServerPids(session.profile.extensions),
        (pids) => Array.isArray(pids) && pids.length === 1 && pids[0] !== before[0],
        'a new language server process',
      );
      const restartedMs = Date.now() - killedAt;
      // The new server was sent the editor's text, unsaved edit included, and the file as saved is analysed too.
      const row = await wb.problems(UNSAVED_FINDING);
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert(text.includes('dag/unknown-ref'), `the row of ${UNSAVED_FINDING} is not a dag/unknown-ref finding: ${text}`);
      assert(text.includes('[Ln 22, Col 22]'), `the row of ${UNSAVED_FINDING} is not at line 22, column 22: ${text}`);
      await wb.problems(SAVED_FINDING);
      const reportedMs = Date.now() - killedAt;
      const item = wb.page.locator('.statusbar-item', { hasText: 'Data Platform Lens' }).first();
      await wb.waitFor(item.locator('.codicon-check'), 'the status bar item to show the server running again');
      // No user action was needed: nothing asks the user to restart, and the editor still holds the unsaved text.
      const toasts = (await wb.notificationTexts()).filter((toast) => /Data Platform Lens|language server/i.test(toast));
      assert(toasts.length === 0, `a notification about the server was shown: ${JSON.stringify(toasts)}`);
      await wb.waitFor(wb.page.locator('.tabs-container .tab.active.dirty'), `the tab of ${MODEL} to still hold unsaved changes`);
      assertSavedTextUnchanged(session.workspace);
      // The output channel says what happened, for a user who wonders why the squiggles blinked.
      await wb.runCommand('Data Platform Lens: Show Output');
      const logged = 'language server stopped unexpectedly (1 crash in the last 3 minutes). It is restarted in 500 ms';
      await wb.poll(
        async () => (await wb.page.locator('.part.panel .monaco-editor .view-lines').first().innerText()).replace(/\s+/g, ' '),
        (text) => typeof text === 'string' && text.includes(logged),
        `the "Data Platform Lens" output channel to log "${logged}"`,
      );
      return `pid ${before[0]} killed; new server pid ${after[0]} after ${restartedMs} ms; ${UNSAVED_FINDING} reported again after ${reportedMs} ms`;
    }, { requires: [opened, typed] });

    if (wb?.errors.length) suite.log(`page errors: ${wb.errors.join(' | ')}`);
  } finally {
    await session?.close();
  }
}
