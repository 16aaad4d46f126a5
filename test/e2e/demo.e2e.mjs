// The packaged extension in code-server's workbench on examples/demo, read from the DOM as a user sees it.
// The expected texts come from examples/demo/EXPECTED.md and the demo's models.
import { basename } from 'node:path';
import { activationTime, startSession } from '../../scripts/e2e/session.mjs';
import { DEMO_FOLDER } from '../../scripts/e2e/paths.mjs';
import { assert } from './harness.mjs';

const MODEL = 'models/marts/finance/fct_revenue_daily.sql';
const UNKNOWN_REF_MESSAGE = "`ref('stg_shop__ordrs')` names no model, seed or snapshot in project `lens_outfitters`";
const QUICK_FIX = "Change to ref('stg_shop__orders')";
/** The activation budget of issue 4; reported, not asserted, because a loaded 2-core machine varies a lot. */
const ACTIVATION_BUDGET_MS = 250;
/** Window loads whose activation times are read; the median is reported. Each reload costs about 4 s. */
const ACTIVATION_SAMPLES = Number(process.env.E2E_ACTIVATION_SAMPLES ?? 3);

export async function demoSuite(suite) {
  let session;
  await suite.check('the .vsix installs into code-server and the workbench opens examples/demo', async () => {
    session = await startSession({ name: 'demo', folder: DEMO_FOLDER, log: (line) => suite.log(line) });
    suite.page = session.workbench.page;
    return session.installed.split('\n').pop();
  });
  const wb = session?.workbench;
  const opened = ['the .vsix installs into code-server and the workbench opens examples/demo'];

  try {
    await suite.check(`opening ${MODEL} activates the extension and starts its language server`, async () => {
      await wb.openFile(MODEL);
      // The status bar item exists once activate() ran; its check icon means the LanguageClient is running.
      const item = wb.page.locator('.statusbar-item', { hasText: 'Data Platform Lens' }).first();
      await wb.waitFor(item, 'the "Data Platform Lens" status bar item (the extension did not activate)');
      await wb.waitFor(item.locator('.codicon-check'), 'the status bar item to show the server running (a check icon)');
      return `status bar: "${(await item.innerText()).trim()}"`;
    }, { requires: opened });

    const active = [...opened, `opening ${MODEL} activates the extension and starts its language server`];

    await suite.check('the Problems panel shows the dag/unknown-ref error of fct_revenue_daily.sql with its message', async () => {
      const row = await wb.problems('dag/unknown-ref');
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert(text.includes(UNKNOWN_REF_MESSAGE), `the row does not hold the message "${UNKNOWN_REF_MESSAGE}": ${text}`);
      assert(text.includes('Did you mean `stg_shop__orders`?'), `the row does not suggest stg_shop__orders: ${text}`);
      assert(text.includes('[Ln 16, Col 22]'), `the row is not at line 16, column 22: ${text}`);
      assert((await row.getAttribute('aria-label'))?.toLowerCase().includes('error') ?? false, 'the row is not an error');
      const file = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'fct_revenue_daily.sql' }).first();
      await wb.waitFor(file, 'the file row of fct_revenue_daily.sql in the Problems panel');
      // The same diagnostic is drawn as a squiggle under the misspelt ref in the editor.
      await wb.waitFor(wb.page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first(), 'an error squiggle in the editor');
      return text;
    }, { requires: active });

    await suite.check("hovering ref('fct_order_items') shows the model it points at", async () => {
      await wb.goToLine(22, 1);
      const { text } = await wb.hover("ref('fct_order_items')", 'fct_order_items', 'Defined in');
      for (const expected of ['model fct_order_items', 'Materialized as table', 'Defined in models/marts/core/fct_order_items.sql']) {
        assert(text.replace(/\s+/g, ' ').includes(expected), `the hover does not say "${expected}": ${JSON.stringify(text)}`);
      }
      await wb.dismissHover();
      return text.split('\n').filter(Boolean).slice(0, 3).join(' | ');
    }, { requires: active });

    await suite.check('the CodeLens above the model counts its upstream and downstream models', async () => {
      // The lens sits above line 1, which the editor renders only while it is in view.
      await wb.goToLine(1, 1);
      const lenses = await wb.codeLenses(/upstream/);
      const lens = lenses.find((title) => /upstream/.test(title)) ?? '';
      assert(/↑ \d+ upstream · ↓ \d+ downstream/.test(lens), `the lens does not read "↑ N upstream · ↓ N downstream": ${JSON.stringify(lenses)}`);
      // Two resolved refs upstream (the misspelt one resolves to nothing); fct_revenue_daily feeds one exposure.
      assert(lens.includes('↑ 2 upstream · ↓ 1 downstream'), `expected "↑ 2 upstream · ↓ 1 downstream" for fct_revenue_daily: ${JSON.stringify(lens)}`);
      return lens;
    }, { requires: active });

    await suite.check('"Data Platform Lens: Show Lineage Graph" opens the lineage webview with the model\'s nodes', async () => {
      await wb.runCommand('Data Platform Lens: Show Lineage Graph');
      await wb.waitFor(wb.page.locator('.tabs-container .tab', { hasText: 'Lineage: fct_revenue_daily' }), 'the "Lineage: fct_revenue_daily" editor tab');
      const frame = wb.webviewFrame();
      await wb.waitFor(frame.locator('g.node.root'), 'the root node in the lineage webview');
      const labels = await wb.poll(
        () => frame.locator('g.node text.label').allTextContents(),
        (names) => Array.isArray(names) && ['fct_revenue_daily', 'fct_order_items', 'int_refunds_by_order'].every((name) => names.includes(name)),
        'the nodes fct_revenue_daily, fct_order_items and int_refunds_by_order in the lineage webview',
      );
      const root = await frame.locator('g.node.root text.label').textContent();
      assert(root === 'fct_revenue_daily', `the root node is "${root}", not fct_revenue_daily`);
      const edges = await frame.locator('path.edge').count();
      assert(edges >= labels.length - 1, `${labels.length} nodes but only ${edges} edges`);
      return `${labels.length} nodes, ${edges} edges: ${labels.join(', ')}`;
    }, { requires: active });

    await suite.check("the Explorer's Lineage view lists the model's neighbours, and expanding fct_order_items lists its parents", async () => {
      // The view follows the model of the active text editor, and the lineage webview is the active editor now.
      if (await wb.page.locator('.tabs-container .tab.active', { hasText: 'Lineage:' }).isVisible()) await wb.runCommand('View: Close Editor');
      await wb.openFile(MODEL);
      // The folder's tree is collapsed meanwhile, so that the Lineage view has the height to render every row.
      const folder = basename(session.workspace);
      await wb.sideBarSection(folder, { expanded: false });
      try {
        const { header, pane } = await wb.sideBarSection('Lineage');
        await wb.poll(() => header.innerText(), (text) => /fct_revenue_daily/.test(text), 'the Lineage view to describe itself with the model it shows, fct_revenue_daily');
        const same = (expected) => (children) => children.length === expected.length && expected.every((label) => children.includes(label));
        // Upstream and Downstream start expanded; the misspelt ref resolves to nothing, so it is not a parent.
        const upstream = await wb.expandTreeItem(pane, 'Upstream', same(['fct_order_items', 'int_refunds_by_order']));
        const downstream = await wb.expandTreeItem(pane, 'Downstream', same(['exposure:weekly_business_review']));
        // Each expansion asks the server for the next hops.
        const parents = await wb.expandTreeItem(pane, 'fct_order_items', same(['int_order_items_enriched', 'stg_shop__orders']));
        const rows = await wb.treeRows(pane);
        const item = rows.find((row) => row.label === 'fct_order_items');
        assert(item?.expanded === true, `fct_order_items is not shown expanded: ${JSON.stringify(item)}`);
        return `Upstream: ${upstream.join(', ')}; fct_order_items expanded: ${parents.join(', ')}; Downstream: ${downstream.join(', ')}`;
      } finally {
        await wb.parkMouse();
        await wb.sideBarSection(folder, { expanded: true }).catch(() => {});
      }
    }, { requires: active });

    await suite.check(`the quick fix "${QUICK_FIX}" from the lightbulb menu (Ctrl+.) corrects the ref, and the Problems panel drops the error`, async () => {
      await wb.goToLine(16, 22);
      // The lightbulb shows that the editor has a fix at the cursor; Ctrl+. opens the same menu from the keyboard.
      await wb.lightBulb();
      const offered = await wb.applyCodeAction(QUICK_FIX).catch(async (error) => {
        // A menu left open would swallow the keys of the checks after this one.
        if (await wb.page.locator('.action-widget').isVisible()) await wb.page.keyboard.press('Escape');
        throw error;
      });
      await wb.waitFor(wb.editorLine("ref('stg_shop__orders')"), "line 16 to read ref('stg_shop__orders')");
      // The language server re-checks the edited text: the error leaves the panel, the other findings stay.
      await wb.problems('dag/unknown-source');
      await wb.poll(
        () => wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'stg_shop__ordrs' }).count(),
        (count) => count === 0,
        "the Problems panel to drop the error about ref('stg_shop__ordrs')",
      );
      await wb.poll(
        () => wb.page.locator('.editor-group-container.active .monaco-editor .squiggly-error').count(),
        (count) => count === 0,
        'the error squiggle to go from the editor',
      );
      const remaining = (await wb.page.locator('.markers-panel .monaco-list-row').allInnerTexts()).filter((text) => /dplens/.test(text)).length;
      // Saved, so that no unsaved editor holds up the window reloads below.
      await wb.page.keyboard.press('Control+S');
      await wb.waitFor(wb.page.locator('.tabs-container .tab.active.dirty'), 'the fixed file to be saved', { state: 'hidden', timeout: 10_000 });
      return `offered: ${offered.join(' | ')}; applied; ${remaining} other findings still listed`;
    }, { requires: active });

    await suite.check(`Running Extensions reports the activation time (median of ${ACTIVATION_SAMPLES} window loads)`, async () => {
      const samples = [];
      for (let load = 0; load < ACTIVATION_SAMPLES; load += 1) {
        if (load > 0) await wb.reload();
        const time = await activationTime(wb, 'Data Platform Lens');
        assert(time, `no activation time found after ${load} reloads`);
        samples.push(time);
        suite.activation = summarise(samples);
      }
      const { median } = suite.activation;
      const note = median > ACTIVATION_BUDGET_MS ? ` (over the ${ACTIVATION_BUDGET_MS} ms budget)` : '';
      return `${suite.activation.label}${note}`;
    }, { requires: active });

    if (wb?.errors.length) suite.log(`page errors: ${wb.errors.join(' | ')}`);
  } finally {
    await session?.close();
  }
}

/** The median of the activation times read, and a line saying what was measured. */
function summarise(samples) {
  const sorted = samples.map((sample) => sample.milliseconds).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
  const kind = samples[0].label.replace(/:.*/, '');
  const loads = `${samples.length} window load${samples.length === 1 ? '' : 's'}`;
  return {
    median,
    samples: samples.map((sample) => sample.milliseconds),
    label: `${median} ms median over ${loads} (${kind}: ${samples.map((sample) => sample.milliseconds).join(', ')} ms; budget ${ACTIVATION_BUDGET_MS} ms)`,
  };
}
