// `npm run screenshots`: the README's pictures, taken from the packaged extension running in code-server on
// examples/demo (the same session as the end-to-end tests), into docs/images/. Each shot waits for what it shows,
// so a broken feature fails this script instead of producing an empty picture.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_FOLDER, REPO_ROOT } from './paths.mjs';
import { startSession } from './session.mjs';

const OUT = join(REPO_ROOT, 'docs/images');
const VIEWPORT = { width: 1280, height: 800 };
const MODEL = 'models/marts/finance/fct_revenue_daily.sql';

const started = Date.now();
const log = (...parts) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);

/** The union of boxes, padded and kept inside the viewport. */
function around(boxes, pad = 12) {
  const present = boxes.filter(Boolean);
  const x = Math.max(0, Math.min(...present.map((box) => box.x)) - pad);
  const y = Math.max(0, Math.min(...present.map((box) => box.y)) - pad);
  const right = Math.min(VIEWPORT.width, Math.max(...present.map((box) => box.x + box.width)) + pad);
  const bottom = Math.min(VIEWPORT.height, Math.max(...present.map((box) => box.y + box.height)) + pad);
  return { x, y, width: right - x, height: bottom - y };
}

async function shoot(workbench, name, clip) {
  const path = join(OUT, name);
  // Webviews and lenses fade in; let the animation end.
  await workbench.page.waitForTimeout(500);
  await workbench.screenshot(path, clip);
  log(`wrote docs/images/${name}${clip ? ` (${Math.round(clip.width)}x${Math.round(clip.height)})` : ''}`);
}

mkdirSync(OUT, { recursive: true });
const session = await startSession({ name: 'screenshots', folder: DEMO_FOLDER, log, viewport: VIEWPORT });
const wb = session.workbench;
const page = wb.page;
let failed = false;
try {
  // 1. Diagnostics: the squiggle under the misspelt ref with its hover (message, rule, quick fix) and the Problems panel.
  await wb.openFile(MODEL);
  await wb.problems('dag/unknown-ref');
  await wb.waitFor(page.locator('.statusbar-item .codicon-check').first(), 'the language server to run');
  await wb.goToLine(16, 22);
  await wb.waitFor(page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first(), 'the error squiggle');
  await wb.hover("ref('stg_shop__ordrs')", 'stg_shop__ordrs', 'Did you mean', { settle: 1000 });
  await shoot(wb, 'diagnostics.png');
  await wb.dismissHover();

  // 1b. The same error with the Quick Fix menu (Ctrl+.) open on it: the suggested ref first, then the suppression.
  await wb.goToLine(16, 22);
  await wb.lightBulb();
  await wb.codeActions("Change to ref('stg_shop__orders')");
  await wb.parkMouse();
  await shoot(wb, 'quickfix.png');
  await page.keyboard.press('Escape');
  await wb.waitFor(page.locator('.action-widget'), 'the Quick Fix menu to close', { state: 'hidden' });

  // 2. Hover on a ref: the editor around the hovered line and the hover widget.
  await page.keyboard.press('Control+J');
  await wb.waitFor(page.locator('.markers-panel'), 'the Problems panel to close', { state: 'hidden' });
  await wb.goToLine(22, 1);
  const { at } = await wb.hover("ref('fct_order_items')", 'fct_order_items', 'Defined in', { settle: 1000 });
  const widget = await page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
  const editor = await page.locator('.editor-group-container.active').boundingBox();
  await shoot(wb, 'hover.png', around([widget, { x: editor.x, y: at.y - 60, width: 10, height: 120 }, { x: widget.x + widget.width, y: at.y, width: 40, height: 1 }]));
  await wb.dismissHover();

  // 3. The CodeLens above a model, on an incremental model with its Jinja highlighted.
  await wb.openFile('models/marts/core/fct_orders.sql');
  await wb.goToLine(1, 1);
  await wb.codeLenses(/upstream/);
  await wb.parkMouse();
  const tabs = await page.locator('.editor-group-container.active .title').first().boundingBox();
  const lastLine = await wb.editorLine("cluster_by=['customer_id'").boundingBox();
  await shoot(wb, 'codelens.png', around([tabs && { ...tabs, width: 10 }, { ...lastLine, width: 640 }], 0));

  // 4. The lineage graph webview, from the command palette, in a maximised editor group.
  await wb.openFile(MODEL);
  await wb.runCommand('Data Platform Lens: Show Lineage Graph');
  const frame = wb.webviewFrame();
  await wb.waitFor(frame.locator('g.node.root'), 'the lineage graph');
  // The graph's editor group gets the whole editor area, and the side bar is hidden.
  await wb.runCommand('View: Toggle Maximize Editor Group');
  await page.keyboard.press('Control+B');
  await page.waitForTimeout(500);
  await wb.waitFor(frame.locator('g.node.root'), 'the lineage graph after the layout change');
  await wb.parkMouse();
  const area = await page.locator('.editor-group-container.active').boundingBox();
  const graph = await frame.locator('svg g.nodes').boundingBox();
  const status = await frame.locator('#status').boundingBox();
  const right = Math.min(VIEWPORT.width, Math.max(graph.x + graph.width, status.x + status.width) + 24);
  await shoot(wb, 'lineage.png', { x: area.x, y: area.y, width: right - area.x, height: Math.min(VIEWPORT.height, graph.y + graph.height + 24) - area.y });
} catch (error) {
  failed = true;
  console.error(`screenshots failed: ${error.message}`);
  await page.screenshot({ path: join(session.profile.dir, 'screenshot-failure.png') }).catch(() => {});
  console.error(`the window at the failure: ${join(session.profile.dir, 'screenshot-failure.png')}`);
} finally {
  await session.close();
}
process.exit(failed ? 1 : 0);
