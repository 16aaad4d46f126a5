// The editor features on test/fixtures/e2e/shop, through the real `vscode` API: the extension is loaded from its
// development path, and each request goes through VS Code, the language client and the bundled server.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { DOCS, activeExtension, closeAllEditors, diagnosticsOf, fileUri, hoverText, open, positionOf, ruleOf, rulesByFile, waitFor, waitForRules } = require('./helpers');

/** What the shop fixture reports, by file: one finding or more from each rule family. */
const EXPECTED = {
  'models/marts/_marts.yml': ['yaml/invalid-properties'],
  'models/marts/dev_sample.sql': ['jinja/syntax'],
  'models/marts/legacy.sql': ['suppression/unused'],
  'models/marts/new_customers.sql': ['dag/unknown-ref'],
  'models/marts/order_status.sql': ['dag/unknown-ref'],
  'models/marts/order_totals.sql': ['dag/unknown-ref'],
  'models/marts/unreadable.sql': ['sql/unparseable'],
  'models/staging/stg_payments.sql': ['dag/unknown-source'],
  'packages.yml': ['project/packages-not-installed'],
};

describe('shop: a dbt project with findings from every rule family', () => {
  before(async () => {
    await activeExtension();
  });

  after(closeAllEditors);

  describe('diagnostics', () => {
    it('publishes each rule family\'s finding for files that are not even open', async () => {
      const seen = await waitFor('the findings of every rule family', () => rulesByFile(), (found) => JSON.stringify(found) === JSON.stringify(EXPECTED));
      const families = new Set(Object.values(seen).flat().map((rule) => rule.split('/')[0]));
      assert.deepEqual([...families].sort(), ['dag', 'jinja', 'project', 'sql', 'suppression', 'yaml']);
    });

    it('gives every diagnostic its rule id as code, a link to the rule\'s docs, a message and a precise range', () => {
      for (const file of Object.keys(EXPECTED)) {
        for (const diagnostic of diagnosticsOf(fileUri(file))) {
          const rule = ruleOf(diagnostic);
          assert.equal(typeof diagnostic.code, 'object', `${file}: ${rule} has no codeDescription`);
          assert.equal(diagnostic.code.target.toString(true), `${DOCS}${rule}.md`, `${file}: ${rule}'s docs link`);
          assert.ok(diagnostic.message.length > 20, `${file}: ${rule}'s message is ${JSON.stringify(diagnostic.message)}`);
        }
      }
      const [unknownRef] = diagnosticsOf(fileUri('models/marts/order_status.sql'));
      assert.equal(unknownRef.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual([unknownRef.range.start.line, unknownRef.range.start.character, unknownRef.range.end.character], [3, 8, 24]);
      assert.match(unknownRef.message, /`ref\('stg_ordrs'\)` names no model.*Did you mean `stg_orders`\?/);
      const [unused] = diagnosticsOf(fileUri('models/marts/legacy.sql'));
      assert.equal(unused.severity, vscode.DiagnosticSeverity.Warning);
      const [packages] = diagnosticsOf(fileUri('packages.yml'));
      assert.equal(packages.severity, vscode.DiagnosticSeverity.Information);
    });
  });

  describe('navigation', () => {
    let customers;
    before(async () => {
      customers = await open('models/marts/customers.sql');
    });

    it('hovers a ref() with the model\'s description, materialization and neighbours', async () => {
      const position = positionOf(customers, "ref('stg_or|ders')");
      const text = await waitFor(
        'a hover on ref(\'stg_orders\')',
        async () => hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', customers.uri, position)),
        (value) => /stg_orders/.test(value),
      );
      assert.match(text, /Orders from the shop, one row per order\./);
      assert.match(text, /Materialized as \*\*view\*\*/);
      assert.match(text, /Upstream: 1 · Downstream: 2/);
    });

    it('goes from a ref() to the model\'s SQL file and its properties entry', async () => {
      const locations = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', customers.uri, positionOf(customers, "ref('stg_|orders')"));
      // VS Code orders the locations of all providers by URI.
      const targets = locations.map((location) => vscode.workspace.asRelativePath(location.targetUri ?? location.uri, false)).sort();
      assert.deepEqual(targets, ['models/staging/_staging.yml', 'models/staging/stg_orders.sql']);
      const entry = locations.find((location) => (location.targetUri ?? location.uri).path.endsWith('_staging.yml'));
      assert.equal((entry.targetRange ?? entry.range).start.line, 3, 'the properties entry `- name: stg_orders`');
    });

    it('completes model names inside ref(\'', async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', customers.uri, positionOf(customers, "ref('|stg_customers')"));
      const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      for (const model of ['stg_customers', 'stg_orders', 'stg_payments']) assert.ok(labels.includes(model), `${model} is not offered; offered: ${labels.join(', ')}`);
      const orders = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'stg_orders');
      assert.equal(orders.detail, 'model · staging');
    });

    it('shows the lineage code lens above a model, with the lineage command', async () => {
      const lenses = await waitFor(
        'code lenses on customers.sql',
        () => vscode.commands.executeCommand('vscode.executeCodeLensProvider', customers.uri),
        (found) => Array.isArray(found) && found.length > 0,
      );
      assert.deepEqual(lenses.map((lens) => lens.command?.title), ['↑ 2 upstream · ↓ 0 downstream']);
      assert.equal(lenses[0].command.command, 'dplens.showLineage');
      assert.deepEqual(lenses[0].command.arguments, ['customers']);
    });
  });

  describe('quick fixes', () => {
    it('fixes a misspelt ref with its quick fix, re-checks the file, and reports it again after the undo', async () => {
      const document = await open('models/marts/order_status.sql');
      const [diagnostic] = await waitForRules(document.uri, (rules) => rules.includes('dag/unknown-ref'), 'dag/unknown-ref');
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((action) => action.title);
      assert.ok(titles.includes('Suppress dag/unknown-ref on this line'), `no suppression action among ${titles.join(' | ')}`);
      const fix = actions.find((action) => action.title === "Change to ref('stg_orders')");
      assert.ok(fix, `no "Change to ref('stg_orders')" among ${titles.join(' | ')}`);
      assert.ok(fix.kind.contains(vscode.CodeActionKind.QuickFix));
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix edit was not applied');
      assert.match(document.getText(), /\{\{ ref\('stg_orders'\) \}\}/);
      await waitForRules(document.uri, (rules) => rules.length === 0, 'no diagnostic after the quick fix');

      const undo = new vscode.WorkspaceEdit();
      undo.replace(document.uri, document.getWordRangeAtPosition(positionOf(document, "ref('stg_|orders')")), 'stg_ordrs');
      assert.ok(await vscode.workspace.applyEdit(undo));
      await waitForRules(document.uri, (rules) => rules.join() === 'dag/unknown-ref', 'dag/unknown-ref again after the undo');
      await document.save();
    });

    it('suppresses a finding with the suppression action, leaving a reason to fill in', async () => {
      const document = await open('models/staging/stg_payments.sql');
      const [diagnostic] = await waitForRules(document.uri, (rules) => rules.includes('dag/unknown-source'), 'dag/unknown-source');
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const suppress = actions.find((action) => action.title === 'Suppress dag/unknown-source on this line');
      assert.ok(suppress, `no suppression among ${actions.map((action) => action.title).join(' | ')}`);
      const before = document.getText();
      assert.ok(await vscode.workspace.applyEdit(suppress.edit));
      assert.match(document.getText(), /dplens-disable-next-line dag\/unknown-source/);
      await waitForRules(document.uri, (rules) => !rules.includes('dag/unknown-source'), 'dag/unknown-source to be suppressed');
      const restore = new vscode.WorkspaceEdit();
      restore.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), before);
      assert.ok(await vscode.workspace.applyEdit(restore));
      await waitForRules(document.uri, (rules) => rules.join() === 'dag/unknown-source', 'dag/unknown-source again once the suppression is removed');
      await document.save();
    });
  });

  describe('settings', () => {
    const target = vscode.ConfigurationTarget.Workspace;
    const totals = () => fileUri('models/marts/order_totals.sql');

    afterEach(async () => {
      await vscode.workspace.getConfiguration('dplens').update('rules', undefined, target);
    });

    it('applies a rule severity from dplens.rules without a restart', async () => {
      await waitForRules(totals(), (rules) => rules.join() === 'dag/unknown-ref', 'dag/unknown-ref');
      await vscode.workspace.getConfiguration('dplens').update('rules', { 'dag/unknown-ref': 'warning' }, target);
      await waitFor('dag/unknown-ref shown as a warning', () => diagnosticsOf(totals()), (found) => found.length === 1 && found[0].severity === vscode.DiagnosticSeverity.Warning);
    });

    it('hides a rule turned off in dplens.rules, and shows it again once the setting is removed', async () => {
      await vscode.workspace.getConfiguration('dplens').update('rules', { 'dag/unknown-ref': 'off' }, target);
      await waitForRules(totals(), (rules) => rules.length === 0, 'dag/unknown-ref hidden by the setting');
      // Only that rule: the other families stay.
      assert.deepEqual(diagnosticsOf(fileUri('models/staging/stg_payments.sql')).map(ruleOf), ['dag/unknown-source']);
      await vscode.workspace.getConfiguration('dplens').update('rules', undefined, target);
      await waitFor('dag/unknown-ref shown as an error again', () => diagnosticsOf(totals()), (found) => found.length === 1 && found[0].severity === vscode.DiagnosticSeverity.Error);
    });

    it('turns off the findings of SQL files with dplens.enable.sql, keeping those of YAML files', async () => {
      await vscode.workspace.getConfiguration('dplens').update('enable.sql', false, target);
      try {
        await waitForRules(totals(), (rules) => rules.length === 0, 'no SQL findings with dplens.enable.sql off');
        assert.deepEqual(diagnosticsOf(fileUri('packages.yml')).map(ruleOf), ['project/packages-not-installed']);
      } finally {
        await vscode.workspace.getConfiguration('dplens').update('enable.sql', undefined, target);
      }
      await waitForRules(totals(), (rules) => rules.join() === 'dag/unknown-ref', 'SQL findings back once dplens.enable.sql is removed');
    });
  });
});
