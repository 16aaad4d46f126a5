// An untrusted workspace (test/fixtures/e2e/restricted, opened with workspace trust enabled and never granted):
// the extension runs in restricted mode. Analysis still works, since nothing from the workspace is executed, but
// git is never run, so "Review Changes Against Base" answers with the restricted error. The status bar item's text
// ("Data Platform Lens: restricted") cannot be read through the API; the code-server runner reads it in the DOM.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { activeExtension, captureMessages, closeAllEditors, fileUri, hoverText, open, positionOf, waitForRules } = require('./helpers');

describe('restricted: an untrusted workspace', () => {
  let messages;
  before(async () => {
    await activeExtension();
    messages = captureMessages();
  });

  after(async () => {
    messages?.restore();
    await closeAllEditors();
  });

  it('is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner must open this folder with workspace trust enabled and not granted');
  });

  it('still analyses the project: diagnostics and hovers', async () => {
    await waitForRules(fileUri('models/users.sql'), (rules) => rules.join() === 'dag/unknown-ref', 'dag/unknown-ref');
    const active = await open('models/active_users.sql');
    const hover = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', active.uri, positionOf(active, "ref('stg_u|sers')")));
    assert.match(hover, /stg_users/);
    assert.match(hover, /Upstream: 0 · Downstream: 1/);
  });

  it('answers "Review Changes Against Base" with the restricted error instead of running git', async () => {
    await vscode.commands.executeCommand('dplens.reviewChanges');
    const error = await messages.next('error', /untrusted workspace/);
    assert.match(error.message, /^Reviewing changes runs git, which Data Platform Lens never does in an untrusted workspace .*Trust the workspace to review changes against the base\.$/);
    assert.deepEqual(messages.messages.filter((message) => message.level === 'info'), []);
  });
});
