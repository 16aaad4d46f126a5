// A multi-root workspace (test/fixtures/e2e/warehouse/warehouse.code-workspace) with two dbt projects as two
// folders. Both define a model named stg_events: each folder is indexed on its own, so a ref resolves inside its folder.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { activeExtension, closeAllEditors, diagnosticsOf, fileUri, folder, hoverText, open, positionOf, ruleOf, rulesByFile, waitFor, waitForRules } = require('./helpers');

describe('warehouse: a multi-root workspace with two dbt projects', () => {
  before(async () => {
    await activeExtension();
  });

  after(closeAllEditors);

  it('opens both folders', async () => {
    // The workbench reads a remote workspace file after connecting, so its folders may arrive after the tests start.
    await waitFor('the folders of warehouse.code-workspace', () => (vscode.workspace.workspaceFolders || []).map((candidate) => candidate.name), (names) => names.join() === 'analytics,marketing');
    assert.match(vscode.workspace.workspaceFile.path, /warehouse\.code-workspace$/);
  });

  it('publishes the findings of both folders, each checked against its own project', async () => {
    await waitFor('analytics\' finding', () => rulesByFile('analytics'), (found) => JSON.stringify(found) === JSON.stringify({ 'models/daily_events.sql': ['dag/unknown-ref'] }));
    await waitFor('marketing\'s finding', () => rulesByFile('marketing'), (found) => JSON.stringify(found) === JSON.stringify({ 'models/spend.sql': ['dag/unknown-ref'] }));
    assert.match(diagnosticsOf(fileUri('models/daily_events.sql', 'analytics'))[0].message, /in project `analytics`.*Did you mean `stg_events`\?/);
    assert.match(diagnosticsOf(fileUri('models/spend.sql', 'marketing'))[0].message, /in project `marketing`.*Did you mean `campaigns`\?/);
  });

  it('resolves a ref to the model of its own folder', async () => {
    const campaigns = await open('models/campaigns.sql', 'marketing');
    const locations = await waitFor(
      'a definition of ref(\'stg_events\') in marketing',
      () => vscode.commands.executeCommand('vscode.executeDefinitionProvider', campaigns.uri, positionOf(campaigns, "ref('stg_|events')")),
      (found) => Array.isArray(found) && found.length > 0,
    );
    assert.deepEqual(locations.map((location) => (location.targetUri ?? location.uri).toString()), [fileUri('models/stg_events.sql', 'marketing').toString()]);
    const hover = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', campaigns.uri, positionOf(campaigns, "ref('stg_ev|ents')")));
    assert.match(hover, /stg_events/);
    assert.match(hover, /Upstream: 0 · Downstream: 1/);
  });

  it('applies a setting of one folder to that folder only', async () => {
    const analytics = folder('analytics');
    const daily = fileUri('models/daily_events.sql', 'analytics');
    const spend = fileUri('models/spend.sql', 'marketing');
    const configuration = vscode.workspace.getConfiguration('dplens', analytics.uri);
    await configuration.update('rules', { 'dag/unknown-ref': 'off' }, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await waitForRules(daily, (rules) => rules.length === 0, 'dag/unknown-ref off in analytics');
      assert.deepEqual(diagnosticsOf(spend).map(ruleOf), ['dag/unknown-ref'], 'marketing keeps its finding');
    } finally {
      await configuration.update('rules', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitForRules(daily, (rules) => rules.join() === 'dag/unknown-ref', 'dag/unknown-ref back in analytics');
  });
});
