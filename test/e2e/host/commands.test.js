// The extension's commands, executed through VS Code on test/fixtures/e2e/shop, which the runner makes a git
// repository: `main` holds the fixture and the checked-out branch `feature` adds models/marts/new_customers.sql.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { activeExtension, captureMessages, closeAllEditors, diagnosticsOf, fileUri, open, ruleOf, tabs, waitFor, waitForRules } = require('./helpers');

const COMMANDS = ['dplens.showLineage', 'dplens.showColumnLineage', 'dplens.explainRule', 'dplens.openRuleDocs', 'dplens.reviewChanges', 'dplens.restartServer', 'dplens.showOutput'];

describe('shop: commands', () => {
  let messages;
  before(async () => {
    await activeExtension();
    // The server has indexed the folder once the first findings are published.
    await waitForRules(fileUri('models/marts/order_totals.sql'), (rules) => rules.length > 0, 'the first findings');
    messages = captureMessages();
  });

  after(async () => {
    messages?.restore();
    await closeAllEditors();
  });

  it('registers every command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(COMMANDS.filter((command) => !registered.has(command)), []);
  });

  it('opens the lineage graph of a model in a webview panel', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('dplens.showLineage', 'customers');
    const tab = await waitFor('the lineage panel tab', () => tabs().find((candidate) => candidate.input instanceof vscode.TabInputWebview), Boolean);
    assert.match(tab.input.viewType, /dplens\.lineageGraph$/);
    assert.equal(tab.label, 'Lineage: customers');
    assert.deepEqual(messages.messages.filter((message) => message.level === 'error'), []);
  });

  it('opens the lineage of the model in the active editor, in column mode', async () => {
    await open('models/marts/customers.sql');
    await vscode.commands.executeCommand('dplens.showColumnLineage');
    await waitFor('the column lineage panel tab', () => tabs().find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'Column lineage: customers'), Boolean);
    assert.deepEqual(messages.messages.filter((message) => message.level === 'error'), []);
  });

  it('explains a rule by opening its generated documentation', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('dplens.explainRule', 'dag/unknown-ref');
    const tab = await waitFor('a tab showing docs/rules/dag/unknown-ref.md', () => tabs().find((candidate) => /unknown-ref\.md/.test(candidate.label)), Boolean);
    assert.ok(tab.input instanceof vscode.TabInputWebview || tab.input instanceof vscode.TabInputText, `unexpected tab input ${tab.input?.constructor?.name}`);
  });

  it('reviews the changes against the base branch and reports the findings of the changed files', async () => {
    await vscode.commands.executeCommand('dplens.reviewChanges');
    const message = await messages.next('info', /^Data Platform Lens: .* since [0-9a-f]{7}/);
    assert.match(message.message, /^Data Platform Lens: 1 finding in 1 of the 1 changed file since [0-9a-f]{7}; they are listed in the Problems panel\.$/);
    assert.deepEqual(diagnosticsOf(fileUri('models/marts/new_customers.sql')).map(ruleOf), ['dag/unknown-ref']);
    assert.deepEqual(messages.messages.filter((m) => m.level === 'error'), []);
  });

  it('restarts the language server, which publishes the findings again', async () => {
    const uri = fileUri('models/marts/order_totals.sql');
    const before = diagnosticsOf(uri)[0];
    assert.equal(diagnosticsOf(uri)[0], before, 'the same diagnostic object is returned until it is published again');
    await vscode.commands.executeCommand('dplens.restartServer');
    // A restarted client clears its diagnostics and the new server publishes new ones: a new object.
    await waitFor('the findings published by the restarted server', () => diagnosticsOf(uri), (found) => found.length === 1 && found[0] !== before);
    assert.equal(ruleOf(diagnosticsOf(uri)[0]), 'dag/unknown-ref');
  });
});
