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

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  static async open(browser, url, folder, viewport = { width: 1280, height: 800 }) {
    const page = await browser.newPage({ viewport });
    const workbench = new Workbench(page);
    page.on('pageerror', (error) => workbench.errors.push(error.message));
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await workbench.waitFor(page.locator('.monaco-workbench'), 'the workbench to load');
    // The explorer lists the folder once the remote file service answers; Quick Open needs it.
    await workbench.waitFor(page.locator('.explorer-folders-view .monaco-list-row').first(), 'the Explorer to list the workspace folder');
    return workbench;
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
   * The content frame of the webview whose tab title holds `title`. A webview is an iframe (the host) holding
   * another iframe (#active-frame) with the extension's page.
   */
  webviewFrame() {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  async screenshot(path, clip) {
    await this.page.screenshot({ path, clip });
  }
}
