/**
 * The bundled language server, spoken to over stdio as an editor would: it indexes the demo project,
 * publishes the misspelt ref as a diagnostic with its rule and docs link, and re-checks on an edit.
 */
import assert from 'node:assert/strict';
import { DEMO, LspClient } from './client';

describe('language server over stdio', () => {
  let client: LspClient;
  const file = 'models/marts/finance/fct_revenue_daily.sql';

  before(async () => {
    client = await LspClient.start(DEMO);
  });

  after(() => client?.stop());

  it('publishes the misspelt ref with its rule, position and docs link', async () => {
    const params = await client.diagnostics(file, (p) => p.diagnostics.length > 0);
    const diagnostic = params.diagnostics.find((d) => d.code === 'dag/unknown-ref');
    assert.ok(diagnostic, 'a dag/unknown-ref diagnostic');
    assert.deepEqual(diagnostic.range.start, { line: 15, character: 21 });
    assert.match(String(diagnostic.message), /Did you mean `stg_shop__orders`\?/);
    assert.match(diagnostic.codeDescription!.href, /docs\/rules\/dag\/unknown-ref\.md$/);
    assert.equal(diagnostic.severity, 1);
  });

  it('clears the finding when the edit fixes the ref', async () => {
    client.open(file);
    client.change(file, client.text(file).replace("ref('stg_shop__ordrs')", "ref('stg_shop__orders')"));
    const params = await client.diagnostics(file, (p) => !p.diagnostics.some((d) => d.code === 'dag/unknown-ref'));
    assert.deepEqual(params.diagnostics.filter((d) => d.code === 'dag/unknown-ref'), []);
  });
});
