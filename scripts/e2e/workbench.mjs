// Drives VS Code's workbench in Chromium through its DOM, the way a user would: Quick Open, the command palette,
// the Problems panel, mouse hovers. Each wait names what it waited for, so a timeout says which step failed.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './paths.mjs';

/** Waits are generous: a cold extension host on a 2-core machine takes seconds, not milliseconds. */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 60_000);

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Escapes text for use inside a CSS attribute selector in double quotes. */
function cssString(text) {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The labels of the rows right under the row labelled `label`, in a list of tree rows in display order. */
function childrenOf(rows, label) {
  const at = rows.findIndex((row) => row.label === label);
  if (at < 0) return undefined;
  const children = [];
  for (const row of rows.slice(at + 1)) {
    if (row.level <= rows[at].level) break;
    if (row.level === rows[at].level + 1) children.push(row.label);
  }
  return children;
}

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  static async open(browser, url, folder, viewport = { width: 1280, height: 800 }) {
    const page = await browser.newPage({ viewport });
    const workbench = new Workbench(page);
    page.on('pageerror', (error) => workbench.errors.push(error.message));
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await workbench.ready();
    return workbench;
  }

  /** Waits until the workbench has loaded and the Explorer lists the workspace folder (Quick Open needs it). */
  async ready() {
    await this.waitFor(this.page.locator('.monaco-workbench'), 'the workbench to load');
    await this.waitFor(this.page.locator('.explorer-folders-view .monaco-list-row').first(), 'the Explorer to list the workspace folder');
  }

  /**
   * "Developer: Reload Window": the workbench and its extension host start again, as after reopening the window.
   * Resolves once the new workbench is ready.
   */
  async reload() {
    // Settled to a boolean at once, so that a failing command leaves no rejected promise behind.
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame(), timeout: TIMEOUT }).then(() => true, () => false);
    await this.runCommand('Developer: Reload Window');
    if (!(await navigated)) throw new Error(`the window did not reload within ${TIMEOUT / 1000} s of "Developer: Reload Window"`);
    await this.ready();
  }

  errors = [];

  /** Waits for a locator and turns Playwright's timeout into a sentence about what did not appear. */
  async waitFor(locator, what, { timeout = TIMEOUT, state = 'visible' } = {}) {
    try {
      await locator.waitFor({ timeout, state });
    } catch (error) {
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${error?.message ? ` (${error.message.split('\n')[0]})` : ''}`);
    }
    return locator;
  }

  /** Polls `read` until `accept` holds for its result; fails with the last value seen. */
  async poll(read, accept, what, timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await read().catch((error) => `<${error.message}>`);
      if (accept(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}; last seen: ${JSON.stringify(last)}`);
      await this.page.waitForTimeout(250);
    }
  }

  /** Opens a file of the workspace with Quick Open (Ctrl+P) by its path relative to the folder. */
  async openFile(relativePath) {
    const name = relativePath.split('/').pop();
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Control+P');
    await this.waitFor(input, 'Quick Open');
    await input.fill(relativePath);
    const row = this.page.locator(`.quick-input-list .monaco-list-row[aria-label*="${cssString(name)}"]`).first();
    await this.waitFor(row, `Quick Open to list ${relativePath}`);
    // A click, not Enter: Enter takes the highlighted row, which can still be a recently opened file while the list filters.
    await row.click();
    await this.waitFor(this.page.locator('.tabs-container .tab.active', { hasText: name }), `the editor tab of ${name}`);
    await this.waitFor(this.editorLine(/./), `the text of ${name}`);
  }

  /** Runs a command from the command palette by its title, as "Category: Title". */
  async runCommand(title) {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Control+Shift+P');
    await this.waitFor(input, 'the command palette');
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await this.waitFor(row, `the command palette to offer "${title}"`);
    await row.click();
    await this.waitFor(input, 'the command palette to close', { state: 'hidden', timeout: 10_000 });
  }

  /** A rendered line of the active editor holding the text (the editor renders only the lines in view). */
  editorLine(text) {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first();
  }

  /** Scrolls the active editor so that 1-based `line` is in view, with Ctrl+G. */
  async goToLine(line, column = 1) {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Control+G');
    await this.waitFor(input, 'Go to Line');
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.waitFor(input, 'Go to Line to close', { state: 'hidden', timeout: 10_000 });
  }

  /** The Problems panel (Ctrl+Shift+M), its rows once one holds `text`. */
  async problems(text) {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.waitFor(panel, 'the Problems panel');
    const row = panel.locator('.monaco-list-row', { hasText: text }).first();
    await this.waitFor(row, `a row holding "${text}" in the Problems panel`);
    return row;
  }

  /**
   * Hovers the mouse over `text` in the rendered editor line holding `lineText` and returns the hover widget's
   * text once it holds `expected`. With `settle`, the hover must also still show that many milliseconds later
   * (the first hover over a fresh diagnostic can close again at once, which matters for screenshots).
   */
  async hover(lineText, text, expected, { settle = 0 } = {}) {
    const widget = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: expected }).first();
    let point;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      // Measured on every attempt: the editor may still be scrolling to the line.
      point = await this.textCentre(lineText, text);
      // Leave and re-enter: the editor shows a hover on mouse movement, and the server may answer only after its index is built.
      await this.page.mouse.move(point.x, point.y - point.height * 3);
      await this.page.mouse.move(point.x, point.y, { steps: 4 });
      try {
        await widget.waitFor({ timeout: 3_500 });
        if (settle > 0) {
          await this.page.waitForTimeout(settle);
          if (!(await widget.isVisible())) continue;
        }
        return { text: await widget.innerText(), at: point };
      } catch {
        // Try again.
      }
    }
    // Last, the keyboard: the cursor on the text and "Show or Focus Hover" (Ctrl+K Ctrl+I), with the long timeout,
    // for a language server that answers slowly on a loaded machine.
    point = await this.textCentre(lineText, text);
    await this.page.mouse.click(point.x, point.y);
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    try {
      await widget.waitFor({ timeout: TIMEOUT });
      return { text: await widget.innerText(), at: point };
    } catch {
      const shown = await this.page.locator('.monaco-hover:not(.hidden)').allInnerTexts().catch(() => []);
      throw new Error(`no hover holding "${expected}" over "${text}", by mouse or by Ctrl+K Ctrl+I; hover widgets shown: ${JSON.stringify(shown)}`);
    }
  }

  /** The centre of `text` in the rendered editor line holding `lineText`, in page coordinates. */
  async textCentre(lineText, text) {
    const line = await this.waitFor(this.editorLine(lineText), `a line holding "${lineText}"`);
    // The exact box of the characters, from a DOM Range over the line's text nodes (tokens are split across spans).
    const rect = await line.evaluate((element, wanted) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let all = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, start: all.length });
        all += node.textContent;
      }
      const at = all.replace(/\u00a0/g, ' ').indexOf(wanted);
      if (at < 0) return undefined;
      // A start offset belongs to the node it begins; an end offset to the node it closes.
      const locate = (offset, isEnd) => {
        const hit = nodes.findLast((entry) => (isEnd ? entry.start < offset : entry.start <= offset));
        return [hit.node, offset - hit.start];
      };
      const range = document.createRange();
      range.setStart(...locate(at, false));
      range.setEnd(...locate(at + wanted.length, true));
      const box = range.getBoundingClientRect();
      return { x: box.x, y: box.y, width: box.width, height: box.height };
    }, text);
    if (!rect) throw new Error(`"${text}" is not on the rendered line "${await line.innerText()}"`);
    return { x: rect.x + Math.max(rect.width / 2, 2), y: rect.y + rect.height / 2, height: rect.height };
  }

  /** Moves the mouse to the right of the editor's text, where nothing shows a hover or a tooltip. */
  async parkMouse() {
    const size = this.page.viewportSize();
    await this.page.mouse.move(size.width - 120, Math.round(size.height * 0.45));
  }

  async dismissHover() {
    await this.parkMouse();
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }

  /** The CodeLens texts of the active editor, once one matches `pattern`. */
  async codeLenses(pattern) {
    const all = this.page.locator('.editor-group-container.active .monaco-editor .codelens-decoration');
    try {
      await this.waitFor(all.filter({ hasText: pattern }).first(), `a CodeLens matching ${pattern}`);
    } catch (error) {
      throw new Error(`${error.message}; the lenses shown: ${JSON.stringify(await all.allInnerTexts())}`);
    }
    return all.allInnerTexts();
  }

  /**
   * The lightbulb the editor shows when there are code actions at the cursor. Escape hides it until the cursor
   * moves, so the cursor is nudged right and back when none shows.
   */
  async lightBulb() {
    const bulb = this.page.locator('.editor-group-container.active .lightBulbWidget');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await bulb.waitFor({ timeout: 5_000 });
        return bulb;
      } catch {
        await this.page.keyboard.press('ArrowRight');
        await this.page.keyboard.press('ArrowLeft');
      }
    }
    return this.waitFor(bulb, 'the lightbulb at the cursor');
  }

  /**
   * Opens the Quick Fix menu (Ctrl+.) at the cursor and waits until it offers the action titled `title`.
   * Returns that action's row and the titles of all the actions offered. The menu can open before the server's
   * code actions arrive (empty, or "No code actions available"), so it is closed and asked for again.
   */
  async codeActions(title) {
    const menu = this.page.locator('.action-widget');
    const action = menu.locator(`.monaco-list-row.action[aria-label="${cssString(title)}"]`).first();
    const offered = () => menu.locator('.monaco-list-row.action').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
    let seen = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await this.page.keyboard.press('Control+.');
      try {
        await action.waitFor({ timeout: 4_000 });
        return { action, titles: await offered() };
      } catch {
        seen = await offered().catch(() => []);
        await this.page.keyboard.press('Escape');
        await menu.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
      }
    }
    throw new Error(`the Quick Fix menu (Ctrl+.) did not offer "${title}" in 5 attempts; it offered ${JSON.stringify(seen)}`);
  }

  /**
   * Applies the action titled `title` from the Quick Fix menu (Ctrl+.) at the cursor, with the arrow keys and Enter
   * as from the keyboard (a click can land on the menu's pointer block while it settles); returns the titles offered.
   */
  async applyCodeAction(title) {
    const { action, titles } = await this.codeActions(title);
    for (let step = 0; step < titles.length && !(await action.evaluate((row) => row.classList.contains('focused'))); step += 1) {
      await this.page.keyboard.press('ArrowDown');
    }
    if (!(await action.evaluate((row) => row.classList.contains('focused')))) throw new Error(`the arrow keys never reached "${title}" in the Quick Fix menu`);
    await this.page.keyboard.press('Enter');
    await this.waitFor(this.page.locator('.action-widget'), 'the Quick Fix menu to close', { state: 'hidden', timeout: 10_000 });
    return titles;
  }

  /**
   * A section of the side bar (such as the Explorer's "Lineage" view) by its exact title, expanded or collapsed
   * as asked. The header's aria-label also holds the view's description, so the title is matched instead.
   */
  async sideBarSection(title, { expanded = true } = {}) {
    const header = this.page.locator('.sidebar .pane-header', { has: this.page.locator('h3.title', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
    await this.waitFor(header, `the "${title}" section of the side bar`);
    if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) {
      await header.click();
      await this.waitFor(this.page.locator(`.sidebar .pane-header[aria-expanded="${expanded}"]`, { has: this.page.locator('h3.title', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }), `the "${title}" section to ${expanded ? 'expand' : 'collapse'}`);
    }
    // The header's parent is the section (.pane), holding the view's body.
    return { header, pane: header.locator('xpath=..') };
  }

  /** The rows of a tree view in `pane` as the DOM shows them: label, depth (1 = top level) and whether expanded. */
  async treeRows(pane) {
    return pane.locator('.monaco-list-row[role="treeitem"]').evaluateAll((rows) =>
      rows
        .map((row) => ({
          label: row.querySelector('.label-name')?.textContent ?? '',
          level: Number(row.getAttribute('aria-level')),
          expanded: row.getAttribute('aria-expanded') === null ? undefined : row.getAttribute('aria-expanded') === 'true',
          index: Number(row.dataset.index),
        }))
        .sort((a, b) => a.index - b.index),
    );
  }

  /**
   * Expands the item labelled `label` in the tree view of `pane` with its twistie (a click on the label would run
   * the item's command) and returns the labels of its children once `accept(children)` holds.
   */
  async expandTreeItem(pane, label, accept = (children) => children.length > 0) {
    const row = pane.locator('.monaco-list-row[role="treeitem"]', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
    await this.waitFor(row, `the item "${label}" in the tree`);
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
    return this.poll(
      async () => childrenOf(await this.treeRows(pane), label),
      (children) => Array.isArray(children) && accept(children),
      `the children of "${label}" in the tree`,
    );
  }

  /** A notification toast holding `text`, once shown. */
  async notification(text) {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    return this.waitFor(toast, `a notification holding "${text}"`);
  }

  /** The texts of the notification toasts shown now, for error messages. */
  async notificationTexts() {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts().catch(() => []);
  }

  /**
   * The content frame of the webview opened last. A webview is an iframe (the host) holding another iframe
   * (#active-frame) with the extension's page.
   */
  webviewFrame() {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  async screenshot(path, clip) {
    await this.page.screenshot({ path, clip });
  }
}
