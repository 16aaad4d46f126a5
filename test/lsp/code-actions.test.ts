/**
 * Code actions over stdio: a finding's fix applied as a workspace edit clears it, and the suppression action
 * inserts a directive that the re-check honours (reported instead as needing a real reason, not as the rule).
 */
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import * as path from 'node:path';
import { isFoundationFinding } from '../helpers/rule-scopes';
import { FIXTURES, LspClient } from './client';

/**
 * The shop fixture is a minimal project (no properties files for its marts, no layer conventions), so
 * the standards rules flag its models too; these tests are about the unknown-ref fix and the suppression
 * directive, so they judge the foundation's rules (refs, suppressions, parsing) and no others.
 */
const foundation = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => isFoundationFinding({ rule: String(d.code) }));

describe('language server code actions', () => {
  let client: LspClient;
  const file = 'models/marts/dim_customers.sql';

  before(async () => {
    client = await LspClient.start(path.join(FIXTURES, 'shop'));
    await client.diagnostics(file, (p) => p.diagnostics.length > 0);
    client.open(file);
  });

  after(() => client?.stop());

  const actionsAt = (marked: string) => {
    const { position } = client.at(file, marked);
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri(file) }, range: { start: position, end: position }, context: { diagnostics: [] } });
  };

  it('offers the fix and a suppression for the misspelt ref', async () => {
    const actions = await actionsAt("ref('stg_cu|stmers')");
    assert.deepEqual(actions.map((action) => action.title), ["Change to ref('stg_customers')", 'Suppress dag/unknown-ref on this line']);
    assert.equal(actions[0].diagnostics?.[0].code, 'dag/unknown-ref');
  });

  it('inserts a suppression directive that the re-check honours', async () => {
    const actions = await actionsAt("ref('stg_cu|stmers')");
    const suppress = actions.find((action) => action.title.startsWith('Suppress'))!;
    const before = client.text(file);
    client.applyEdit(suppress.edit!);
    assert.match(client.text(file), /\n-- dplens-disable-next-line dag\/unknown-ref: <reason>\nfrom \{\{ ref\('stg_custmers'\) \}\}/);
    const params = await client.diagnostics(file, (p) => !p.diagnostics.some((d) => d.code === 'dag/unknown-ref'));
    assert.deepEqual(foundation(params.diagnostics).map((d) => d.code), []);
    client.change(file, before);
    await client.diagnostics(file, (p) => p.diagnostics.some((d) => d.code === 'dag/unknown-ref'));
  });

  it('applies the fix, and the re-check clears the finding', async () => {
    const actions = await actionsAt("ref('stg_cu|stmers')");
    client.applyEdit(actions[0].edit!);
    assert.match(client.text(file), /ref\('stg_customers'\)/);
    const params = await client.diagnostics(file, (p) => foundation(p.diagnostics).length === 0);
    assert.deepEqual(foundation(params.diagnostics), []);
  });
});
